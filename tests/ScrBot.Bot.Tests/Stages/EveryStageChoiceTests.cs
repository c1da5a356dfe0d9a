using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.Preparing;
using ScrBot.Bot.Stages.SubGroup;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Every option a stage 3–4 card offers is one the server takes: each option of each choice set, read from the card the
/// person received (through the Bot Connector stand-in), is pressed through <c>/api/messages</c> by the person whose
/// role it is, on the real bot host on Azure Tables (Azurite), and the case's facts record that choice. Multi-selects
/// are pressed with every option chosen and with each option alone.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EveryStageChoiceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Accepted = "application/vnd.microsoft.card.adaptive";
    private StageHost _host = null!;

    public async Task InitializeAsync() => _host = await StageHost.StartAsync(azurite, agencies: 2);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryDecisionTheSubGroupDecisionCardOffersIsRecorded(bool viceChair)
    {
        await using var bot = _host.StartBot();
        var decider = _host.Who(viceChair ? Role.SubgroupViceChair : Role.SubgroupChair);
        async Task<(CaseReference, JsonObject)> DeliveredToDeciderAsync()
        {
            var reference = await AtSubgroupDecisionAsync(bot, viceChair);
            return (reference, await DeliveredAsync(decider, SubgroupDecisionCard.Verb, reference));
        }

        var (_, first) = await DeliveredToDeciderAsync();
        var options = Options(first, SubgroupDecisionCard.OutcomeInput);
        Assert.Equal(3, options.Count);

        foreach (var option in options)
        {
            var (reference, card) = await DeliveredToDeciderAsync();
            Assert.Contains(option, Options(card, SubgroupDecisionCard.OutcomeInput));
            var answer = await PressAsync(bot, decider, card, SubgroupDecisionCard.Verb, new()
            {
                [SubgroupDecisionCard.OutcomeInput] = option, [SubgroupDecisionCard.ReasonsInput] = "The information suggests the criteria may be met.",
            });

            var decided = Assert.Single((await LoadAsync(bot, reference)).Facts.OfType<SubgroupDecided>());
            Assert.True(option == decided.Outcome.ToString(), $"'{option}' was not recorded: {answer.ToJsonString()}");
            Assert.Equal(decider.Id, decided.By.Id);
        }
    }

    [Fact]
    public async Task EveryAgencyTheChooseAgenciesCardOffersIsChosenAllTogetherAndEachAlone()
    {
        await using var bot = _host.StartBot();
        var manager = _host.Who(Role.BoardManager);
        async Task<(CaseReference, JsonObject)> DeliveredToManagerAsync()
        {
            var reference = await AtSubgroupDecisionAsync(bot, viceChair: false);
            await _host.DoAsync(Cases(bot), reference, Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
            await SyncAsync(bot, reference);
            return (reference, await DeliveredAsync(manager, ChooseAgenciesCard.Verb, reference));
        }

        var (all, card) = await DeliveredToManagerAsync();
        var options = Options(card, ChooseAgenciesCard.AgenciesInput);
        Assert.Contains(StageHost.Agency(1), options);
        Assert.Contains("staffs-police", options);

        foreach (var chosen in new[] { options }.Concat(options.Select(o => (IReadOnlyList<string>)[o])))
        {
            var (reference, delivered) = chosen == options ? (all, card) : await DeliveredToManagerAsync();
            Assert.Equal(options, Options(delivered, ChooseAgenciesCard.AgenciesInput));
            var answer = await PressAsync(bot, manager, delivered, ChooseAgenciesCard.Verb, new() { [ChooseAgenciesCard.AgenciesInput] = string.Join(",", chosen) });

            var stored = Assert.Single((await LoadAsync(bot, reference)).Facts.OfType<AgenciesChosen>());
            Assert.True(chosen.Order().SequenceEqual(stored.Agencies.Select(a => a.Value).Order()), $"{string.Join(",", chosen)} was not chosen: {answer.ToJsonString()}");
        }
    }

    [Fact]
    public async Task EveryAnswerTheRecordsCheckCardOffersForEachPersonIsRecorded()
    {
        await using var bot = _host.StartBot();
        var reference = await DetailsSentAsync(bot);
        var people = CaseCommands.PeopleToCheck((await LoadAsync(bot, reference)).State);
        Assert.True(people.Count >= 2, "the child and a significant other");

        var first = await DeliveredAsync(Representative(1), RecordCheckCard.Verb, reference, CheckOf(1));
        var options = Options(first, RecordCheckCard.PersonInput(0));
        Assert.Equal(2, options.Count);

        // Representative k+1 answers the k-th option for every person their card asks about.
        for (var k = 0; k < options.Count; k++)
        {
            var card = await DeliveredAsync(Representative(k + 1), RecordCheckCard.Verb, reference, CheckOf(k + 1));
            var inputs = new Dictionary<string, string>();
            for (var p = 0; p < people.Count; p++)
            {
                var offered = Options(card, RecordCheckCard.PersonInput(p));
                Assert.Equal(options, offered);
                inputs[RecordCheckCard.PersonInput(p)] = offered[k];
            }

            var answer = await PressAsync(bot, Representative(k + 1), card, RecordCheckCard.Verb, inputs);

            var agency = new AgencyId(StageHost.Agency(k + 1));
            var returned = Assert.Single((await LoadAsync(bot, reference)).Facts.OfType<RecordCheckReturned>(), f => f.Agency == agency);
            Assert.True(returned.People is not null, answer.ToJsonString());
            Assert.Equal(people, returned.People.Select(r => r.Person));
            Assert.All(returned.People, r => Assert.Equal(options[k], r.Result.ToString()));
        }
    }

    [Fact]
    public async Task EveryAgencyTheInvitationsCardOffersIsInvitedAllTogetherAndEachAlone()
    {
        await using var bot = _host.StartBot();
        var manager = _host.Who(Role.BoardManager);
        async Task<(CaseReference, JsonObject)> DeliveredToManagerAsync()
        {
            var reference = await DetailsSentAsync(bot);
            return (reference, await DeliveredAsync(manager, InvitationsCard.Verb, reference));
        }

        var (all, card) = await DeliveredToManagerAsync();
        var options = Options(card, InvitationsCard.AgenciesInput);
        Assert.Contains(StageHost.Agency(1), options);
        Assert.Contains(StageHost.Agency(2), options);

        foreach (var chosen in new[] { options }.Concat(options.Select(o => (IReadOnlyList<string>)[o])))
        {
            var (reference, delivered) = chosen == options ? (all, card) : await DeliveredToManagerAsync();
            Assert.Equal(options, Options(delivered, InvitationsCard.AgenciesInput));
            var inputs = new Dictionary<string, string>
            {
                [InvitationsCard.AgenciesInput] = string.Join(",", chosen),
                [InvitationsCard.SioNameInput] = "DI Jo Patel",
                [InvitationsCard.SioEmailInput] = "jo.patel@police.example",
                [InvitationsCard.MinuteTakerNameInput] = "Ruth Minter",
                [InvitationsCard.MinuteTakerEmailInput] = "ruth.minter@board.example",
            };
            if (HasInput(delivered, InvitationsCard.ProceedInput))
            {
                inputs[InvitationsCard.ProceedInput] = "The panel must meet within the statutory time.";
            }

            var answer = await PressAsync(bot, manager, delivered, InvitationsCard.Verb, inputs);

            var state = (await LoadAsync(bot, reference)).State;
            Assert.True(state.InvitationsSentAt is not null, $"{string.Join(",", chosen)} were not invited: {answer.ToJsonString()}");
            Assert.Equal(chosen.Order(), state.Invitations.Where(i => i.Agency is not null).Select(i => i.Agency!.Value.Value).Distinct().Order());
        }
    }

    private static Func<JsonObject, bool> CheckOf(int agency) => data => data[TaskCard.StepKey]?.GetValue<string>() == PreparingSteps.CheckPrefix + StageHost.Agency(agency);

    private Actor Representative(int i) => new(new PersonId(_host.Representative(i)), $"Representative {i}");

    private static CaseStore Cases(BotFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    private static async Task<StoredCase> LoadAsync(BotFactory bot, CaseReference reference) =>
        (await Cases(bot).LoadAsync(ReferralSamples.Staffordshire, reference))!;

    private static Task SyncAsync(BotFactory bot, CaseReference reference) =>
        bot.Services.GetRequiredService<CaseConversations>().SyncAsync(ReferralSamples.Staffordshire, reference, default);

    /// <summary>A case at the sub-group's decision (passed to the Vice-Chair when <paramref name="viceChair"/>), its cards delivered.</summary>
    private async Task<CaseReference> AtSubgroupDecisionAsync(BotFactory bot, bool viceChair)
    {
        var cases = Cases(bot);
        var reference = await _host.ReferAsync(cases);
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        await _host.DoAsync(cases, reference, Role.BoardManager, CaseCommands.InformChairs);
        await _host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(2), false));
        if (viceChair)
        {
            await _host.DoAsync(cases, reference, Role.SubgroupChair, (s, c) => CaseCommands.DeclareDirectInvolvement(s, c, "I chaired the child's protection conference."));
        }

        await SyncAsync(bot, reference);
        return reference;
    }

    /// <summary>A case convened, the two added agencies chosen and the child's details sent to the partners, its cards delivered.</summary>
    private async Task<CaseReference> DetailsSentAsync(BotFactory bot)
    {
        var cases = Cases(bot);
        var reference = await _host.ReferAsync(cases);
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        Task Do(Role role, Func<CaseState, CommandContext, Outcome> command) => _host.DoAsync(cases, reference, role, command);
        await Do(Role.BoardManager, CaseCommands.InformChairs);
        await Do(Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(2), false));
        await Do(Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
        await Do(Role.BoardManager, (s, c) => CaseCommands.ChooseAgencies(s, c, [new AgencyId(StageHost.Agency(1)), new AgencyId(StageHost.Agency(2))]));
        await Do(Role.BoardManager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(10)));
        await SyncAsync(bot, reference);
        return reference;
    }

    /// <summary>The task card <paramref name="person"/> received for this case whose button is <paramref name="verb"/>.</summary>
    private async Task<JsonObject> DeliveredAsync(Actor person, string verb, CaseReference reference, Func<JsonObject, bool>? step = null)
    {
        var delivered = await _host.Connector.WaitForAsync(
            r => r.Operation == "send" && r.ConversationId == StageHost.Chat(person.Id.Value) && r.Card is { } card
                 && ButtonData(card, verb) is { } data && data[TaskCard.CaseKey]?.GetValue<string>() == reference.Value && (step?.Invoke(data) ?? true),
            TimeSpan.FromSeconds(60));
        return delivered.Card!;
    }

    /// <summary>The card's button pressed with these inputs, as Teams sends it: the button's data and the inputs' values.</summary>
    private async Task<JsonNode> PressAsync(BotFactory bot, Actor person, JsonObject card, string verb, Dictionary<string, string> inputs)
    {
        var data = ButtonData(card, verb)!;
        foreach (var (id, value) in inputs)
        {
            Assert.True(HasInput(card, id), $"the card has no input '{id}'");
            data[id] = value;
        }

        var answer = await _host.PressAsync(bot, person, verb, data);
        Assert.True(
            answer["type"]?.GetValue<string>() == Accepted || (answer["value"]?.GetValue<string>() ?? "").StartsWith("ScrBot is still working on that.", StringComparison.Ordinal),
            $"{verb} was refused: {answer.ToJsonString()}");
        return answer;
    }

    private static bool HasInput(JsonObject card, string id) => Descendants(card).Any(o => o["id"]?.GetValue<string>() == id);

    private static JsonObject? ButtonData(JsonObject card, string verb) => StageHost.ButtonData(card, verb);

    private static List<string> Options(JsonObject card, string id) => StageHost.Options(card, id);

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => StageHost.Descendants(node);
}
