using System.Globalization;
using System.Text.Json.Serialization;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;

namespace ScrBot.Domain.Obligations;

/// <summary>The obligations of the review process, numbered as in process.md ("Obligations and deadlines").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObligationCode>))]
public enum ObligationCode
{
    /// <summary>Notify Ofsted and the board of a notifiable incident.</summary>
    D1 = 1,

    /// <summary>Inform the Independent Chair and the Sub-group Chair of the notification.</summary>
    D2,

    /// <summary>Return the agency's record checks.</summary>
    D3,

    /// <summary>Send a copy of the chronology before the Scoping Panel.</summary>
    D4,

    /// <summary>Circulate the minutes of the Scoping Panel.</summary>
    D5,

    /// <summary>The Independent Chair's written decision.</summary>
    D6,

    /// <summary>Tell the National Panel of a decision not to initiate an SCR.</summary>
    D7,

    /// <summary>Notify the National Panel, Ofsted and the DfE of a decision to initiate an SCR.</summary>
    D8,

    /// <summary>Complete the SCR.</summary>
    D9,

    /// <summary>Send the report to the National Panel before publication.</summary>
    D10,

    /// <summary>Keep the report on the website.</summary>
    D11,

    /// <summary>Give an action-plan update by the next sub-group meeting.</summary>
    D12,
}

/// <summary>Where an obligation stands on the day it was derived for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObligationStatus>))]
public enum ObligationStatus
{
    /// <summary>Not met yet, and the due date has not passed.</summary>
    Open,

    /// <summary>Met, on <see cref="Obligation.MetOn"/> (possibly late: see <see cref="Obligation.MetLate"/>).</summary>
    Met,

    /// <summary>Not met and the due date has passed; for D11, the report came off the website too early.</summary>
    Overdue,

    /// <summary>
    /// Not met when the case was closed, and owed only within the board's own process (D2–D6, D9, D12): it ends with
    /// the case, and nobody is reminded of it. What the board owes others (D1, D7, D8, D10, D11) never ends this way.
    /// </summary>
    Ended,
}

/// <summary>
/// One thing someone owes in a case, by a date. Derived from the case's facts by <see cref="ObligationRules.Derive"/>
/// and never edited: when something is done, a new fact is recorded and the obligations are derived again.
/// Nothing in an obligation identifies the child.
/// </summary>
public sealed record Obligation
{
    public required ObligationCode Code { get; init; }

    /// <summary>
    /// Which obligation of this case it is, stable as facts are added: "D2", "D3/police", "D8/Ofsted",
    /// "D12/A3/2026-05-12", and "D5/2" for the second panel's minutes.
    /// </summary>
    public required string Key { get; init; }

    /// <summary>What must be done, in the toolkit's words.</summary>
    public required string Title { get; init; }

    public required Role OwnerRole { get; init; }

    /// <summary>The agency that owes it, where it is owed by one agency.</summary>
    public AgencyId? OwnerAgency { get; init; }

    /// <summary>The person who owes it, where the case's facts name one (an invited member, a person given the role on the case).</summary>
    public Actor? OwnerPerson { get; init; }

    /// <summary>Who owes it, in words ("The Board Manager", "Children's social care").</summary>
    public required string Owner { get; init; }

    /// <summary>To whom it is owed, in words ("Ofsted and the board", "the National Panel").</summary>
    public required string OwedTo { get; init; }

    /// <summary>The day the period starts (not counted in it).</summary>
    public required DateOnly StartsOn { get; init; }

    /// <summary>The last day on which it is met in time (a Europe/London date).</summary>
    public required DateOnly DueOn { get; init; }

    /// <summary>How the due date is counted, in words ("5 working days from the referring agency becoming aware of the incident").</summary>
    public required string Rule { get; init; }

    public required ObligationStatus Status { get; init; }

    /// <summary>The day it was met; null unless <see cref="Status"/> is <see cref="ObligationStatus.Met"/>.</summary>
    public DateOnly? MetOn { get; init; }

    /// <summary>Anything more the owner should know ("Sent on ... before a reviewer was appointed ...").</summary>
    public string? Note { get; init; }

    /// <summary>Met, but after the due date. Still shown as met, with "late" beside it.</summary>
    public bool MetLate => Status == ObligationStatus.Met && MetOn > DueOn;

    /// <summary>How many calendar days after the due date it was met; 0 when met in time or not met.</summary>
    public int DaysLate => MetLate ? MetOn!.Value.DayNumber - DueOn.DayNumber : 0;

    /// <summary>Not met yet and still owed: open or overdue.</summary>
    public bool IsOutstanding => Status is ObligationStatus.Open or ObligationStatus.Overdue;

    /// <summary>
    /// The status in words: "Met on Monday 2 March 2026", "Met late on Friday 6 March 2026 (3 days after the due
    /// date, Tuesday 3 March 2026)", "Due Tuesday 3 March 2026", "Overdue: it was due Tuesday 3 March 2026".
    /// </summary>
    public string StatusText() => Status switch
    {
        ObligationStatus.Met when MetLate => string.Create(
            CultureInfo.InvariantCulture,
            $"Met late on {HumanDates.Format(MetOn!.Value)} ({DaysLate} day{(DaysLate == 1 ? "" : "s")} after the due date, {HumanDates.Format(DueOn)})"),
        ObligationStatus.Met => $"Met on {HumanDates.Format(MetOn!.Value)}",
        ObligationStatus.Overdue => $"Overdue: it was due {HumanDates.Format(DueOn)}",
        ObligationStatus.Ended => $"Not met: the case was closed before it was done (it was due {HumanDates.Format(DueOn)})",
        _ => $"Due {HumanDates.Format(DueOn)}",
    };
}
