using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Storage;

/// <summary>
/// The real referral command (domain form rules) run through the case store on Azurite: a form with wrong details is
/// refused with every reason naming its field, and nothing at all is stored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RefusedReferralStorageTests(AzuriteFixture azurite)
{
    private static readonly BoardDirectory Directory = new(
    [
        new Board(
            Kit.Staffordshire,
            "Staffordshire Safeguarding Children Board",
            [
                new Agency(new AgencyId("csc"), "Children's Social Care", AgencyKind.ChildrensSocialCare),
                new Agency(new AgencyId("police"), "Staffordshire Police", AgencyKind.Police),
                new Agency(new AgencyId("health"), "Midlands Partnership NHS Trust", AgencyKind.Health),
            ],
            [],
            null),
    ]);

    public static TheoryData<string, string, string> BadForms => new()
    {
        { "date of birth in the future", FormFields.ChildDateOfBirth, "future" },
        { "became aware before the incident", FormFields.IncidentDateAware, "earlier than the incident" },
        { "an unknown agency", FormFields.ReferrerAgency, "not one of the board's agencies" },
        { "no child's name", FormFields.ChildName, "required" },
    };

    private static NotificationForm Spoil(NotificationForm form, string what) => what switch
    {
        "date of birth in the future" => form with { Child = form.Child with { DateOfBirth = new DateOnly(2027, 1, 1) } },
        "became aware before the incident" => form with { Incident = form.Incident with { DateAgencyBecameAware = new DateOnly(2026, 10, 30) } },
        "an unknown agency" => form with { Referrer = form.Referrer with { Agency = new AgencyId("not-an-agency") } },
        "no child's name" => form with { Child = form.Child with { Name = "" } },
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task AReferralWithWrongDetailsIsRefusedNamingTheFieldAndNothingIsStored(string what, string field, string words)
    {
        var store = Kit.NewStore(azurite, new InstantTimers(Kit.ReferredAt));
        var form = Spoil(Kit.Form(Kit.Staffordshire), what);
        var context = new CommandContext(Kit.Referrer, Kit.ReferredAt, Directory);

        await store.EnsureTablesAsync();

        var result = await store.ReferAsync(Kit.Staffordshire, 2026, Kit.Referrer, reference => CaseCommands.Refer(reference, form, context));

        Assert.True(result.IsRefused);
        var refusal = Assert.Single(result.Outcome.Refusals, r => r.Field == field);
        Assert.Contains(words, refusal.Reason, StringComparison.OrdinalIgnoreCase);
        foreach (var table in store.Tables.All)
        {
            var client = azurite.ServiceClient().GetTableClient(table);
            var rows = await Kit.RowsAsync(client);
            Assert.Empty(rows);
        }
    }

    [Fact]
    public async Task AValidReferralThroughTheRealRulesIsStoredWithItsReference()
    {
        var store = Kit.NewStore(azurite, new InstantTimers(Kit.ReferredAt));
        var context = new CommandContext(Kit.Referrer, Kit.ReferredAt, Directory);
        var form = Kit.Form(Kit.Staffordshire);

        var result = await store.ReferAsync(Kit.Staffordshire, 2026, Kit.Referrer, reference => CaseCommands.Refer(reference, form, context));

        Assert.False(result.IsRefused, result.Outcome.Explanation);
        var stored = await store.LoadAsync(Kit.Staffordshire, new CaseReference(2026, 1));
        Assert.NotNull(stored);
        Assert.Equal("Child A", stored.State.Form!.Child.Name);
        Assert.Equal(Stage.Triage, stored.State.Stage);
    }
}
