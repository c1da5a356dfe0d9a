using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// The referral journey on real Azure Tables (Azurite): its drafts table and a case store of its own. A new harness
/// on the same store is what a restarted bot sees.
/// </summary>
internal sealed class JourneyHarness
{
    public JourneyHarness(AzuriteFixture azurite, CaseStore? cases = null, FakeTimeProvider? time = null)
    {
        Azurite = azurite;
        Time = time ?? new FakeTimeProvider(ReferralSamples.Now);
        TablePrefix = cases is null ? "t" + Guid.NewGuid().ToString("N")[..12] : null;
        Cases = cases ?? new CaseStore(azurite.ServiceClient(), Time, new NoObligations(), new CaseStoreOptions { TablePrefix = TablePrefix! });
        Drafts = new DraftStore(new BotTables(azurite.ServiceClient()));
        Journey = new ReferralJourney(Drafts, Cases, ReferralSamples.Directory, Time, new ProcessProfiles());
    }

    public AzuriteFixture Azurite { get; }

    /// <summary>The prefix of this harness's case tables (when it made its own store).</summary>
    public string? TablePrefix { get; }

    public FakeTimeProvider Time { get; }

    public CaseStore Cases { get; }

    public DraftStore Drafts { get; }

    public ReferralJourney Journey { get; }

    /// <summary>The same tables, as a bot started again would find them.</summary>
    public JourneyHarness Restarted() => new(Azurite, Cases, Time);

    /// <summary>A referrer of their own for each test, so that tests never share a draft.</summary>
    public static Actor NewReferrer() => new(new PersonId(Guid.NewGuid().ToString()), "Alex Wilber");

    public async Task<FormDraft> DraftOf(Actor user) => (await Drafts.GetAsync(user.Id, CancellationToken.None))!;

    public async Task<JourneyResult> PressAsync(Actor user, string verb, FormSection section, IReadOnlyDictionary<string, string>? inputs = null, string? draftId = null)
    {
        draftId ??= (await DraftOf(user)).DraftId;
        var data = new JsonObject { ["section"] = ((int)section).ToString(System.Globalization.CultureInfo.InvariantCulture), ["draftId"] = draftId };
        foreach (var (id, value) in inputs ?? new Dictionary<string, string>())
        {
            data[id] = value;
        }

        return await Journey.ActAsync(user, verb, data, CancellationToken.None);
    }

    /// <summary>Presses Next on each section with the sample answers, up to and including <paramref name="last"/>.</summary>
    public async Task<JourneyResult> FillAsync(Actor user, FormSection last, Dictionary<FormSection, Dictionary<string, string>>? answers = null)
    {
        answers ??= ReferralSamples.Answers();
        JourneyResult? result = null;
        foreach (var section in FormSections.All.Where(s => s <= last))
        {
            result = await PressAsync(user, "referral.next", section, answers[section]);
        }

        return result!;
    }

    public static string Heading(JsonObject card) => card["body"]!.AsArray().First(b => b!["style"]?.GetValue<string>() == "heading")!["text"]!.GetValue<string>();

    public static string Text(JsonObject card) => card.ToJsonString(ScrBot.Bot.Cards.AdaptiveCard.Json);

    public static string? Value(JsonObject card, string inputId) =>
        ScrBot.Bot.Tests.Cards.CardCatalogue.Inputs(card).FirstOrDefault(i => i["id"]!.GetValue<string>() == inputId)?["value"]?.ToString();
}
