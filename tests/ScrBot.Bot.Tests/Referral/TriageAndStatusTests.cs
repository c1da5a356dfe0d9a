using ScrBot.Bot.Storage;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Cards;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Tests.Referral.JourneyHarness;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>Possible duplicates found in the board's case partitions, and <c>case &lt;reference&gt;</c> for the people on the case only.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TriageAndStatusTests(AzuriteFixture azurite)
{
    private static NotificationForm Form(Func<ChildDetails, ChildDetails>? child = null, BoardId? board = null)
    {
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), ReferralSamples.Directory, ReferralSamples.Today).Form;
        form = form with { Child = child?.Invoke(form.Child) ?? form.Child };
        if (board is { } other)
        {
            form = form with
            {
                Referrer = form.Referrer with { Board = other, Agency = new AgencyId("stoke-csc") },
                AgenciesInvolved = [],
                OtherBoardsInvolved = [],
            };
        }

        return form;
    }

    private static async Task<CaseReference> ReferAsync(JourneyHarness harness, NotificationForm form, Actor? by = null)
    {
        by ??= ReferralSamples.Referrer;
        var context = new CommandContext(by, ReferralSamples.Now, ReferralSamples.Directory);
        var result = await harness.Cases.ReferAsync(form.Referrer.Board, 2026, by, r => CaseCommands.Refer(r, form, context));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
        return result.State.Reference!.Value;
    }

    [Fact]
    public async Task AReferralForAChildWithTheSameNameAndDateOfBirthOnTheBoardIsAPossibleDuplicate()
    {
        var harness = new JourneyHarness(azurite);
        var earlier = await ReferAsync(harness, Form(c => c with { Name = "  jamie   COLLINS " }));
        await ReferAsync(harness, Form(c => c with { Name = "Jamie Collins", DateOfBirth = new DateOnly(2016, 5, 15), OtherNames = [] }));
        await ReferAsync(harness, Form(board: new BoardId("stoke-on-trent")));
        var latest = await ReferAsync(harness, Form());

        var found = await new DuplicateSearch(harness.Cases).FindAsync(ReferralSamples.Staffordshire, latest, Form().Child, CancellationToken.None);

        var duplicate = Assert.Single(found, d => d.Why.StartsWith("the same name", StringComparison.Ordinal));
        Assert.Equal(earlier, duplicate.Reference);
        Assert.Equal("the same name and date of birth (Saturday 14 May 2016)", duplicate.Why);
    }

    [Fact]
    public async Task ANameTheChildIsAlsoKnownByMatchingAnotherCaseIsAPossibleDuplicate()
    {
        var harness = new JourneyHarness(azurite);
        var earlier = await ReferAsync(harness, Form(c => c with { Name = "JJ Smith", OtherNames = ["Jamie Smith"], DateOfBirth = null, ApproximateAgeYears = 10 }));
        var unrelated = await ReferAsync(harness, Form(c => c with { Name = "Riley Jones", OtherNames = ["RJ"], DateOfBirth = new DateOnly(2015, 1, 1) }));
        var latest = await ReferAsync(harness, Form());

        var found = await new DuplicateSearch(harness.Cases).FindAsync(ReferralSamples.Staffordshire, latest, Form().Child, CancellationToken.None);

        var duplicate = Assert.Single(found);
        Assert.Equal(earlier, duplicate.Reference);
        Assert.Equal("'Jamie Smith', another name of this child, is a name of the child in that case", duplicate.Why);
        Assert.DoesNotContain(found, d => d.Reference == unrelated);
    }

    [Fact]
    public async Task SomeoneWithARoleOnTheCaseSeesItsStageObligationsAndFacts()
    {
        var harness = new JourneyHarness(azurite);
        var reference = await ReferAsync(harness, Form());
        var status = Status(harness);

        var card = Assert.Single(await status.StatusAsync(ReferralSamples.BoardManager, reference, CancellationToken.None));

        Assert.NotNull(card);
        var text = Text(card);
        Assert.Equal($"{reference} · Triage by the Board Manager", Heading(card));
        Assert.Contains("Jamie Collins", text, StringComparison.Ordinal);
        Assert.Contains("D2 · ", text, StringComparison.Ordinal);
        Assert.Contains("Due Tuesday 24 November 2026 (tomorrow)", text, StringComparison.Ordinal);
        Assert.Contains("Referred by Alex Wilber to Staffordshire Safeguarding Children Board", text, StringComparison.Ordinal);

        Assert.NotEmpty(await status.StatusAsync(ReferralSamples.Referrer, reference, CancellationToken.None));
        Assert.NotEmpty(await status.StatusAsync(ReferralSamples.IndependentChair, reference, CancellationToken.None));
    }

    [Fact]
    public async Task SomeoneWithNoRoleOnTheCaseIsAnsweredAsIfItDidNotExistAndTheLookIsAudited()
    {
        var harness = new JourneyHarness(azurite);
        var reference = await ReferAsync(harness, Form());
        var status = Status(harness);

        Assert.Empty(await status.StatusAsync(ReferralSamples.NoRole, reference, CancellationToken.None));
        Assert.Empty(await status.StatusAsync(ReferralSamples.AgencyRepresentative, reference, CancellationToken.None));
        Assert.Empty(await status.StatusAsync(ReferralSamples.NoRole, new CaseReference(2026, 99), CancellationToken.None));

        var stored = await harness.Cases.LoadAsync(ReferralSamples.Staffordshire, reference);
        var refused = await harness.Cases.RefusedAttemptsAsync(ReferralSamples.Staffordshire, reference);
        Assert.Equal(new[] { ReferralSamples.NoRole.Id, ReferralSamples.AgencyRepresentative.Id }.ToHashSet(), refused.Select(r => r.By.Id).ToHashSet());
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r => Assert.Equal("see the case's status", r.Attempt));
        Assert.Equal(Stage.Triage, stored!.State.Stage);
    }

    [Fact]
    public async Task ALookBySomeoneWithNoRoleCostsOneAuditRowAndRewritesNothingElse()
    {
        var harness = new JourneyHarness(azurite);
        var reference = await ReferAsync(harness, Form());
        var status = Status(harness);
        var before = await RowsAsync(harness);

        for (var i = 0; i < 3; i++)
        {
            Assert.Empty(await status.StatusAsync(ReferralSamples.NoRole, reference, CancellationToken.None));
        }

        var after = await RowsAsync(harness);
        var added = after.Keys.Except(before.Keys).ToList();
        Assert.Equal(3, added.Count);
        Assert.All(added, key => Assert.StartsWith("audit-", key.Split('/')[2], StringComparison.Ordinal));
        Assert.All(before, row => Assert.Equal(row.Value, after[row.Key]));
        Assert.Equal(3, (await harness.Cases.RefusedAttemptsAsync(ReferralSamples.Staffordshire, reference)).Count);
        Assert.NotEmpty(await status.StatusAsync(ReferralSamples.Referrer, reference, CancellationToken.None));
    }

    /// <summary>Every row of the harness's case tables (cases, indexes, counters, obligations), with its ETag.</summary>
    private static async Task<Dictionary<string, string>> RowsAsync(JourneyHarness harness)
    {
        var service = harness.Azurite.ServiceClient();
        var rows = new Dictionary<string, string>();
        await foreach (var table in service.QueryAsync())
        {
            if (!table.Name.StartsWith(harness.TablePrefix!, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                rows[$"{table.Name}/{row.PartitionKey}/{row.RowKey}"] = row.ETag.ToString();
            }
        }

        return rows;
    }

    [Fact]
    public async Task TwoBoardsReferringOnTheSameDayGetTwoReferencesEachOpenedByItsOwnPeopleOnly()
    {
        var harness = new JourneyHarness(azurite);
        var stokeReferrer = new Actor(new PersonId(Guid.NewGuid().ToString()), "Stoke Referrer");
        var staffordshire = await ReferAsync(harness, Form());
        var stoke = await ReferAsync(harness, Form(c => c with { Name = "Riley Jones" }, board: new BoardId("stoke-on-trent")), stokeReferrer);
        var status = Status(harness);

        Assert.NotEqual(staffordshire, stoke);
        var managersStaffordshire = Assert.Single(await status.StatusAsync(ReferralSamples.BoardManager, staffordshire, CancellationToken.None));
        var managersStoke = Assert.Single(await status.StatusAsync(ReferralSamples.BoardManager, stoke, CancellationToken.None));
        Assert.Contains("to Staffordshire Safeguarding Children Board", Text(managersStaffordshire!), StringComparison.Ordinal);
        Assert.Contains("Jamie Collins", Text(managersStaffordshire!), StringComparison.Ordinal);
        Assert.Contains("to Stoke-on-Trent Safeguarding Children Board", Text(managersStoke!), StringComparison.Ordinal);
        Assert.Contains("Riley Jones", Text(managersStoke!), StringComparison.Ordinal);
        Assert.NotEmpty(await status.StatusAsync(stokeReferrer, stoke, CancellationToken.None));
        Assert.Empty(await status.StatusAsync(stokeReferrer, staffordshire, CancellationToken.None));
        Assert.Empty(await status.StatusAsync(ReferralSamples.Referrer, stoke, CancellationToken.None));
    }

    private static CaseStatusService Status(JourneyHarness harness) =>
        new(harness.Cases, ReferralSamples.Directory, harness.Time, new ProcessProfiles());
}
