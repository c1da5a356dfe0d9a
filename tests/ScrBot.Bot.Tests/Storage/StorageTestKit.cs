using System.Collections.Concurrent;
using Azure.Data.Tables;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Storage;

/// <summary>
/// A clock that stands still at <see cref="Now"/> and whose timers fire at once, so retries after a lost race
/// never wait on wall time. The pauses asked for are recorded.
/// </summary>
internal sealed class InstantTimers(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; } = now;

    public ConcurrentQueue<TimeSpan> Pauses { get; } = new();

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Pauses.Enqueue(dueTime);
            callback(state);
        }

        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Boards, people and referrals for the storage tests.</summary>
internal static class Kit
{
    public static readonly BoardId Staffordshire = new("staffordshire");
    public static readonly BoardId Stoke = new("stoke");

    public static readonly DateTimeOffset ReferredAt = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly Actor Referrer = new(new PersonId("aad-referrer"), "Pat Referrer");
    public static readonly Actor BoardManager = new(new PersonId("aad-board-manager"), "Sam Manager");

    public static NotificationForm Form(
        BoardId board,
        string childName = "Child A",
        DateOnly? dateOfBirth = null,
        string address = "1 Street, Stafford",
        IReadOnlyList<string>? otherNames = null,
        IReadOnlyList<SignificantOther>? significantOthers = null) => new(
        new ReferrerDetails("Pat Referrer", "Head of Service", new AgencyId("csc"), null, "pat@example.org", true, board),
        new ChildDetails(
            childName,
            otherNames ?? ["Alias B"],
            dateOfBirth ?? new DateOnly(2015, 3, 4),
            null,
            Gender.Female,
            address,
            "White British",
            false,
            null,
            ChildProtectionPlan.Current,
            false,
            CustodyStatus.None),
        new IncidentDetails(IncidentKind.Died, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), AbuseOrNeglect.Suspected,
            "The child was found unresponsive at home.", InterAgencyConcern.Concerns, "Agencies did not share concerns."),
        significantOthers ?? [new SignificantOther("Parent C", "Mother", new DateOnly(1990, 6, 1))],
        [new AgencyInvolvement(new AgencyId("police"), null, "Attended two incidents"), new AgencyInvolvement(new AgencyId("health"), null, null)],
        [],
        new ParallelProcesses(true, "DI Smith", false, true, false, true, false, false, null));

    /// <summary>
    /// A referral command as the notification form's handler would run it: refuses a form without the child's name,
    /// otherwise the case is referred with the reference it is given.
    /// </summary>
    public static Func<CaseReference, Outcome> Refer(BoardId board, NotificationForm form, Actor? by = null) => reference =>
        string.IsNullOrWhiteSpace(form.Child.Name)
            ? Outcome.Refused("Please give the child's name.", "Child's name")
            : Outcome.Accepted(new CaseReferred(reference, board, [], form) { At = ReferredAt, By = by ?? Referrer });

    public static Actor Person(int i) => new(new PersonId($"aad-panel-{i:D2}"), $"Panel Member {i}");

    /// <summary>Gives a person a role on the case, or refuses if they already have it.</summary>
    public static Func<CaseState, IReadOnlyList<CaseEvent>, Outcome> Assign(Actor person, Role role, DateTimeOffset? at = null) =>
        (state, _) => state.HasRole(person.Id, role)
            ? Outcome.Refused($"{person.Name} is already a {role} on this case.")
            : Outcome.Accepted(new CaseRoleAssigned(person, role, null) { At = at ?? ReferredAt.AddHours(1), By = BoardManager });

    public static Func<CaseState, IReadOnlyList<CaseEvent>, Outcome> Append(CaseEvent fact) => (_, _) => Outcome.Accepted(fact);

    public static CaseStore NewStore(AzuriteFixture azurite, TimeProvider time, IObligationIndexSource? obligations = null) =>
        new(azurite.ServiceClient(), time, obligations ?? new NoObligations(), new CaseStoreOptions { TablePrefix = NewPrefix() });

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<CaseReference> ReferAsync(CaseStore store, BoardId board, NotificationForm? form = null)
    {
        var result = await store.ReferAsync(board, 2026, Referrer, Refer(board, form ?? Form(board)));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
        return result.State.Reference!.Value;
    }

    public static async Task<List<TableEntity>> RowsAsync(TableClient table, string? filter = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
