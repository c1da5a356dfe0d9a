using System.Text.Json.Nodes;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>A case taken to the Scoping Panel on a <see cref="StageHost"/>, and the buttons of the cards its people were sent.</summary>
internal static class ScopingPanelSetup
{
    public static readonly AgencyId Police = new("staffs-police");

    /// <summary>A case referred and taken through stages 3–4 by the domain's commands, each by the member whose step it is.</summary>
    public static async Task<CaseReference> ReadyToScheduleAsync(StageHost host, CaseStore cases)
    {
        // The referrer (children's social care's Head of Safeguarding) has an id of this host's own: the conversation
        // and held-card tables are shared by every test, and the sample referrer's chat there may be another test's.
        var today = Domain.Calendar.LondonTime.Today(host.Time);
        var referrer = new Actor(new PersonId(Guid.NewGuid().ToString()), ReferralSamples.Referrer.Name);
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), host.Directory, today).Form;
        var referred = await cases.ReferAsync(ReferralSamples.Staffordshire, today.Year, referrer,
            r => CaseCommands.Refer(r, form, new CommandContext(referrer, host.Time.GetUtcNow(), host.Directory)));
        var reference = referred.State.Reference!.Value;
        await host.DoAsync(cases, reference, Role.BoardManager, CaseCommands.InformChairs);
        await host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today, extraordinary: true));
        await host.DoAsync(cases, reference, Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The criteria may be met."));
        await host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]));
        await host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(7)));
        await host.DoAsync(cases, reference, Role.AgencyRepresentative, (s, c) => CaseCommands.SecureRecords(s, c, Police));
        await host.DoAsync(cases, reference, Role.AgencyRepresentative, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, RecordCheckResult.Known, []));
        await host.DoAsync(cases, reference, Role.EducationSafeguardingOfficer, (s, c) => CaseCommands.RecordSchoolsChecked(s, c, ["Example Primary School"]));
        await host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [],
            new Invitee("DI Sam Vimes", "sam.vimes@police.example"), new Invitee("Diego Siciliani", "diego.siciliani@minutes.example"),
            "The other partners' checks are late and the panel cannot wait."));
        return reference;
    }

    /// <summary>Waits for the card headed so, sent to this person's chat (sent, or updated in place), as the Bot Connector stand-in received it.</summary>
    public static async Task<JsonObject> CardAsync(StageHost host, Actor person, string heading, Func<JsonObject, bool>? also = null)
    {
        var found = await host.Connector.WaitForAsync(r => r.ConversationId == StageHost.Chat(person.Id.Value) && r.Card is { } card
            && Heading(card) == heading && (also?.Invoke(card) ?? true), TimeSpan.FromSeconds(60));
        return found.Card!;
    }

    private static string? Heading(JsonObject card) =>
        card["body"] is JsonArray body ? body.FirstOrDefault(b => b?["style"]?.GetValue<string>() == "heading")?["text"]?.GetValue<string>() : null;

    /// <summary>Presses the card's Action.Execute with this title (anywhere on the card), with the inputs the person filled in.</summary>
    public static Task<JsonNode> PressAsync(StageHost host, BotFactory bot, Actor person, JsonObject card, string title, JsonObject? inputs = null)
    {
        var button = Nodes(card).First(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == title);
        var data = (JsonObject)button["data"]!.DeepClone();
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return host.PressAsync(bot, person, button["verb"]!.GetValue<string>(), data);
    }

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };
}
