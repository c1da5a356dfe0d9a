namespace ScrBot.Domain.Cases;

/// <summary>
/// Why something was not done, in plain English a person can act on. <see cref="Field"/> names the form field when
/// the reason is about one ("Date of birth"). The one rule for refusals: every command, everywhere, refuses with one
/// of these and changes nothing.
/// </summary>
public sealed record Refusal(string Reason, string? Field = null)
{
    public override string ToString() => Field is null ? Reason : $"{Field}: {Reason}";
}

/// <summary>What a command produced: new facts, or a refusal (several when a form has several errors).</summary>
public sealed record Outcome
{
    private Outcome(IReadOnlyList<CaseEvent> facts, IReadOnlyList<Refusal> refusals)
    {
        Facts = facts;
        Refusals = refusals;
    }

    public IReadOnlyList<CaseEvent> Facts { get; }

    public IReadOnlyList<Refusal> Refusals { get; }

    public bool IsRefused => Refusals.Count > 0;

    public static Outcome Accepted(params CaseEvent[] facts) => new(facts, []);

    public static Outcome Accepted(IReadOnlyList<CaseEvent> facts) => new(facts, []);

    public static Outcome Refused(string reason, string? field = null) => new([], [new Refusal(reason, field)]);

    public static Outcome Refused(IReadOnlyList<Refusal> refusals) =>
        refusals.Count == 0 ? throw new ArgumentException("A refusal needs at least one reason.", nameof(refusals)) : new([], refusals);

    /// <summary>All the reasons, one sentence each, for a reply or the audit trail.</summary>
    public string Explanation => string.Join(" ", Refusals.Select(r => r.ToString()));
}
