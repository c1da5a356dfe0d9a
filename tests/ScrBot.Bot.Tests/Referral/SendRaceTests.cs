using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Bot.Storage;
using static ScrBot.Bot.Tests.Referral.JourneyHarness;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// Send pressed at the same moment as Next or Review never brings a sent referral's draft back (the child's details
/// outside the case, and <c>refer</c> offering a form already sent), whichever step of the one lands between the
/// other's; and the card shown while a referral is being sent says what is true. The steps are interleaved exactly,
/// on real Azure Tables (Azurite), by running the whole of one button inside a step of the other.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SendRaceTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(nameof(IDraftStore.GetAsync))]
    [InlineData(nameof(IDraftStore.FindSentAsync))]
    public async Task SendCompletingWhileReviewIsPressedLeavesNoDraftAndReviewShowsTheAcknowledgement(string sendLandsAfter)
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        await harness.FillAsync(user, FormSection.ParallelProcesses);
        var draftId = (await harness.DraftOf(user)).DraftId;
        var racing = new InterleavingDrafts(harness.Drafts);
        var review = new ReferralJourney(racing, harness.Cases, ReferralSamples.Directory, harness.Time, new ProcessProfiles());
        JourneyResult? sent = null;
        racing.Once(sendLandsAfter, async () => sent = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses, draftId: draftId));

        var pressed = await review.ActAsync(user, "referral.review", Data(draftId, ReferralSamples.Answers()[FormSection.ParallelProcesses]), CancellationToken.None);

        Assert.NotNull(sent?.Referred);
        Assert.Equal($"{sent.Referred.Reference} · Referral received", Heading(pressed.Card));
        Assert.Null(await harness.Drafts.GetAsync(user.Id, CancellationToken.None));
        var again = await harness.Journey.StartAsync(user, CancellationToken.None);
        Assert.EndsWith("Section 1 of 6 · About you and your agency", Heading(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileAReferralIsBeingSentItsButtonsAndReferSayItIsBeingSentAndCheckAgainShowsItsAcknowledgement()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        await harness.FillAsync(user, FormSection.ParallelProcesses);
        var draftId = (await harness.DraftOf(user)).DraftId;
        var racing = new InterleavingDrafts(harness.Drafts);
        var sending = new ReferralJourney(racing, harness.Cases, ReferralSamples.Directory, harness.Time, new ProcessProfiles());
        JourneyResult? next = null;
        JsonObject? refer = null;
        racing.Once(nameof(IDraftStore.ClaimSendingAsync), async () =>
        {
            next = await harness.PressAsync(user, "referral.back", FormSection.ParallelProcesses, draftId: draftId);
            refer = await harness.Journey.StartAsync(user, CancellationToken.None);
        });

        var sent = await sending.ActAsync(user, "referral.submit", Data(draftId, new Dictionary<string, string>()), CancellationToken.None);

        Assert.Equal("New referral · Being sent", Heading(next!.Card));
        Assert.Equal("New referral · Being sent", Heading(refer!));
        var check = Assert.Single(refer!["actions"]!.AsArray());
        Assert.Equal("Check again", check!["title"]!.GetValue<string>());
        Assert.Contains("replaces the card where you pressed Send", Text(refer!), StringComparison.Ordinal);

        var checkedAgain = await harness.Journey.ActAsync(user, check["verb"]!.GetValue<string>(), (JsonObject)check["data"]!.DeepClone(), CancellationToken.None);
        Assert.Equal($"{sent.Referred!.Reference} · Referral received", Heading(checkedAgain.Card));
        Assert.Null(await harness.Drafts.GetAsync(user.Id, CancellationToken.None));
    }

    private static JsonObject Data(string draftId, IReadOnlyDictionary<string, string> inputs)
    {
        var data = new JsonObject { ["section"] = ((int)FormSection.ParallelProcesses).ToString(System.Globalization.CultureInfo.InvariantCulture), ["draftId"] = draftId };
        foreach (var (id, value) in inputs)
        {
            data[id] = value;
        }

        return data;
    }

    /// <summary>The real draft store, running a given action once right after one of its steps has returned.</summary>
    private sealed class InterleavingDrafts(IDraftStore inner) : IDraftStore
    {
        private string? _after;
        private Func<Task>? _then;

        public void Once(string after, Func<Task> then)
        {
            _after = after;
            _then = then;
        }

        private async Task<T> Step<T>(string name, Task<T> step)
        {
            var result = await step;
            await AfterAsync(name);
            return result;
        }

        private async Task AfterAsync(string name)
        {
            if (_after == name && _then is { } then)
            {
                _then = null;
                await then();
            }
        }

        public Task<FormDraft?> GetAsync(PersonId owner, CancellationToken cancellationToken) => Step(nameof(GetAsync), inner.GetAsync(owner, cancellationToken));

        public Task<FormDraft> SaveAsync(FormDraft draft, CancellationToken cancellationToken) => inner.SaveAsync(draft, cancellationToken);

        public Task DeleteAsync(PersonId owner, CancellationToken cancellationToken) => inner.DeleteAsync(owner, cancellationToken);

        public Task<int> DeleteSavedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.DeleteSavedBeforeAsync(cutoff, cancellationToken);

        public Task<bool> ClaimSendingAsync(PersonId owner, string draftId, CancellationToken cancellationToken) =>
            Step(nameof(ClaimSendingAsync), inner.ClaimSendingAsync(owner, draftId, cancellationToken));

        public Task RecordSentAsync(PersonId owner, string draftId, BoardId board, CaseReference reference, CancellationToken cancellationToken) =>
            inner.RecordSentAsync(owner, draftId, board, reference, cancellationToken);

        public Task ReleaseSendingAsync(PersonId owner, string draftId, CancellationToken cancellationToken) => inner.ReleaseSendingAsync(owner, draftId, cancellationToken);

        public Task<SentForm?> FindSentAsync(PersonId owner, string draftId, CancellationToken cancellationToken) =>
            Step(nameof(FindSentAsync), inner.FindSentAsync(owner, draftId, cancellationToken));
    }
}
