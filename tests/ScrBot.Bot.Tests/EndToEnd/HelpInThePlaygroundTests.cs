using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Tests.Connector;

namespace ScrBot.Bot.Tests.EndToEnd;

/// <summary>
/// The Playground with two extra help-card buttons: one whose feature greets whoever presses it, and one planned
/// whose feature is not registered.
/// </summary>
public sealed class GreetingPlaygroundFixture : PlaygroundFixture
{
    public const string PlannedButton = "Panel minutes";

    protected override void ConfigureBotServices(IServiceCollection services)
    {
        services.AddCardAction<GreetingActions>();
        services.AddHelpEntry(new HelpEntry("Say hello", "Check that ScrBot knows who you are", Verb: GreetingActions.Verb, Order: 90));
        services.AddHelpEntry(new HelpEntry(PlannedButton, "Record the Scoping Panel's minutes", Verb: "minutes.start", Order: 95));
    }

    private sealed class GreetingActions : ICardActionHandler
    {
        public const string Verb = "greeting.hello";

        public string VerbPrefix => "greeting.";

        public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action) =>
            Task.FromResult(CardActionResult.ReplaceCard(SenderHarness.SmallCard($"Hello, {context.UserName}")));
    }
}

/// <summary>
/// ScrBot in the Microsoft 365 Agents Playground, Teams' local stand-in: help in a personal chat, the help card's
/// buttons, several people each in their own Playground, and a channel post.
/// </summary>
public sealed class HelpInThePlaygroundTests(GreetingPlaygroundFixture playground) : IClassFixture<GreetingPlaygroundFixture>
{
    [Fact]
    public async Task HelpInAPersonalChatShowsTheHelpCardAndItsButtonsAnswer()
    {
        var alex = await playground.AsAsync("Alex Wilber");

        await alex.SayInPersonalChatAsync("help");
        var help = await alex.WaitForCardInPersonalChatAsync(m => m.CardText.StartsWith(HelpCard.Title, StringComparison.Ordinal));

        Assert.True(help.FromBot(playground.Tenant));
        Assert.Equal(["New referral", "Case status", "My tasks", "Say hello", GreetingPlaygroundFixture.PlannedButton], help.Buttons.Select(b => b.Title));
        Assert.Contains("Show what I can do", help.CardText, StringComparison.Ordinal);

        var answer = await alex.PressAsync(help, "Say hello");

        Assert.NotNull(answer);
        Assert.Equal("Hello, Alex Wilber", answer.Card!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Hello, Alex Wilber", alex.PersonalChat.Single(m => m.MessageId == help.MessageId).CardText);
    }

    [Fact]
    public async Task APlannedButtonWithoutItsFeatureAnswersInPlainEnglish()
    {
        var alex = await playground.AsAsync("Alex");
        await alex.SayInPersonalChatAsync("help");
        var help = await alex.WaitForCardInPersonalChatAsync(m => m.Buttons.Any(b => b.Title == GreetingPlaygroundFixture.PlannedButton));

        var answer = await alex.PressAsync(help, GreetingPlaygroundFixture.PlannedButton);

        Assert.True(answer!.IsError);
        Assert.Equal(Replies.NotAvailableYet(GreetingPlaygroundFixture.PlannedButton), answer.Message);
    }

    [Fact]
    public async Task EachPersonActsInTheirOwnPlaygroundAndTheBotKnowsWhoTheyAre()
    {
        var megan = await playground.AsAsync("Megan Bowen");

        await megan.InstallInPersonalChatAsync();
        var welcome = await megan.WaitForCardInPersonalChatAsync(m => m.CardText.Contains(Replies.Welcome, StringComparison.Ordinal));
        var answer = await megan.PressAsync(welcome, "Say hello");

        Assert.Equal("Hello, Megan Bowen", answer!.Card!["body"]![0]!["text"]!.GetValue<string>());
        var kept = await playground.BotServices.GetRequiredService<IConversationReferences>().FindPersonalAsync(megan.Person.AadObjectId, default);
        Assert.Equal((megan.PersonalChatId, megan.BaseAddress.Port), (kept!.ConversationId, kept.ServiceUrl.Port));
    }

    [Fact]
    public async Task APostToTheTeamsChannelAppearsInTheChannel()
    {
        var adele = await playground.AsAsync("Adele Vance");
        await adele.InstallInTeamAsync();
        var references = playground.BotServices.GetRequiredService<IConversationReferences>();
        ConversationReference? channel = null;
        await playground.WaitUntilAsync(
            async () => (channel = await references.FindChannelAsync(playground.Tenant.GeneralChannelId, default)) is not null,
            "the bot to keep the team's General channel");

        var sent = await playground.BotServices.GetRequiredService<BotSender>()
            .SendAsync(channel!, Activity.Message("SCR-2027-0003 · Scoping Panel on Monday 5 April 2027"));

        Assert.True(sent.Delivered, sent.Problem);
        var post = await playground.WaitForChannelMessageAsync(playground.Tenant.GeneralChannelId, m => m.Text?.StartsWith("SCR-2027-0003", StringComparison.Ordinal) == true);
        Assert.True(post.FromBot(playground.Tenant));
        Assert.NotNull(post.PostConversationId);
    }
}
