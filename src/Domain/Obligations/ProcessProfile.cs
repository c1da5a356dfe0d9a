using System.Globalization;
using System.Text.Json.Serialization;
using ScrBot.Domain.Calendar;

namespace ScrBot.Domain.Obligations;

/// <summary>From when the Independent Chair's month for the written decision (D6) is counted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionClockStart>))]
public enum DecisionClockStart
{
    /// <summary>From the Scoping Panel meeting being held (the toolkit, 002, and the flow chart, 000).</summary>
    ScopingPanelHeld,

    /// <summary>From the Independent Chair receiving the Scoping Panel minutes (the toolkit, 002, "Timescales").</summary>
    MinutesReceived,

    /// <summary>From the board receiving notice of the incident (the leaflet, 003).</summary>
    BoardNotifiedOfIncident,
}

/// <summary>How long the board allows for completing an SCR from its initiation (D9).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewCompletionTarget>))]
public enum ReviewCompletionTarget
{
    /// <summary>Six months from initiating it (the toolkit, 002, and the leaflet, 003).</summary>
    SixMonths,

    /// <summary>Four months (the 2006 leaflet, 001: "It is generally expected that the SCR will be produced in four months").</summary>
    FourMonths,
}

/// <summary>One choice a board can make in its <see cref="ProcessProfile"/>, described for the person choosing.</summary>
/// <param name="Setting">The setting's name, as in configuration (e.g. <c>DecisionClock</c>).</param>
/// <param name="Value">The value as written in configuration (e.g. <c>MinutesReceived</c>, <c>1</c>).</param>
/// <param name="Obligation">The obligation it changes.</param>
/// <param name="Description">What choosing it means, in plain English.</param>
/// <param name="Source">Which document says so.</param>
/// <param name="IsToolkitValue">True for the toolkit's own value (the default).</param>
public sealed record ProfileAlternative(
    string Setting,
    string Value,
    ObligationCode Obligation,
    string Description,
    string Source,
    bool IsToolkitValue);

/// <summary>
/// How one board counts the deadlines of the review process. <see cref="Toolkit"/> holds the values of the
/// Staffordshire and Stoke-on-Trent SCR Toolkit; where the other documents say something different, the board
/// can choose their value instead (see <see cref="Alternatives"/>). The statutory periods (D1, D5, D7, D10,
/// D11) are fixed and shown here so that a board's whole timetable can be read in one place.
/// </summary>
/// <remarks>
/// Made of plain properties and enums so that it can be bound from configuration or read from JSON, e.g.
/// <c>{ "InformChairsWorkingDays": 1, "DecisionClock": "MinutesReceived", "ReviewCompletion": "FourMonths",
/// "NotifyDecisionToReviewWorkingDays": 5, "Closures": [ { "Date": "2026-12-29", "Reason": "Office closed" } ] }</c>.
/// </remarks>
public sealed record ProcessProfile
{
    /// <summary>The toolkit's values.</summary>
    public static ProcessProfile Toolkit { get; } = new();

    /// <summary>
    /// D2: "promptly", counted in working days from the notification being received. The toolkit gives no number;
    /// 1 working day (the next working day) by default.
    /// </summary>
    public int InformChairsWorkingDays { get; init; } = 1;

    /// <summary>D6: from when the Independent Chair's month is counted.</summary>
    public DecisionClockStart DecisionClock { get; init; } = DecisionClockStart.ScopingPanelHeld;

    /// <summary>
    /// D8: "formally notify the national SCR Panel ... Ofsted and the DfE" after a decision to hold an SCR, with the
    /// reviewer's name. The toolkit gives no number; 5 working days (one working week) by default, because the
    /// reviewer has to be commissioned first.
    /// </summary>
    public int NotifyDecisionToReviewWorkingDays { get; init; } = 5;

    /// <summary>D9: how long from initiation the SCR should take.</summary>
    public ReviewCompletionTarget ReviewCompletion { get; init; } = ReviewCompletionTarget.SixMonths;

    /// <summary>The board's own closure days (besides weekends and bank holidays), for its working-day calendar.</summary>
    public IReadOnlyList<Closure> Closures { get; init; } = [];

    /// <summary>D1: children's social care notifies Ofsted and the board within 5 working days of becoming aware.</summary>
    [JsonIgnore]
    public Period NotifyIncident => Period.WorkingDays(5);

    /// <summary>D2, from <see cref="InformChairsWorkingDays"/>.</summary>
    [JsonIgnore]
    public Period InformChairs => Period.WorkingDays(InformChairsWorkingDays);

    /// <summary>D5: minutes to every invited agency within 2 weeks of the meeting being held.</summary>
    [JsonIgnore]
    public Period CirculateMinutes => Period.Weeks(2);

    /// <summary>D6: the written decision within 1 month (counted from <see cref="DecisionClock"/>).</summary>
    [JsonIgnore]
    public Period WrittenDecision => Period.CalendarMonths(1);

    /// <summary>D7: the National Panel told of a decision not to initiate an SCR within 14 days.</summary>
    [JsonIgnore]
    public Period NotifyDecisionNotToReview => Period.CalendarDays(14);

    /// <summary>D8, from <see cref="NotifyDecisionToReviewWorkingDays"/>.</summary>
    [JsonIgnore]
    public Period NotifyDecisionToReview => Period.WorkingDays(NotifyDecisionToReviewWorkingDays);

    /// <summary>D9, from <see cref="ReviewCompletion"/>.</summary>
    [JsonIgnore]
    public Period CompleteReview => Period.CalendarMonths(ReviewCompletion == ReviewCompletionTarget.FourMonths ? 4 : 6);

    /// <summary>D10: the report goes to the National Panel at least 1 week before publication.</summary>
    [JsonIgnore]
    public Period SendReportBeforePublication => Period.Weeks(1);

    /// <summary>D11: the report stays on the board's website for at least 12 months.</summary>
    [JsonIgnore]
    public Period KeepReportOnWebsite => Period.CalendarMonths(12);

    /// <summary>The board's working-day calendar: England and Wales less <see cref="Closures"/>.</summary>
    public WorkingDayCalendar CreateCalendar() => new(Closures);

    /// <summary>
    /// What is wrong with this profile, in plain English; empty when it can be used. A board's settings are checked
    /// with this before they are saved, and <see cref="ObligationRules.Derive"/> refuses a profile that has problems.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (InformChairsWorkingDays is < 0 or > MaxPromptlyWorkingDays)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"\"Promptly\" for telling the Chairs of a notification must be between 0 and {MaxPromptlyWorkingDays} working days; {InformChairsWorkingDays} was given."));
        }

        if (NotifyDecisionToReviewWorkingDays is < 0 or > MaxPromptlyWorkingDays)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"\"Promptly\" for notifying the National Panel, Ofsted and the DfE of a decision to hold an SCR must be between 0 and {MaxPromptlyWorkingDays} working days; {NotifyDecisionToReviewWorkingDays} was given."));
        }

        if (!Enum.IsDefined(DecisionClock))
        {
            problems.Add("The Independent Chair's month can be counted from ScopingPanelHeld, MinutesReceived or BoardNotifiedOfIncident; nothing else.");
        }

        if (!Enum.IsDefined(ReviewCompletion))
        {
            problems.Add("The review completion target can be SixMonths or FourMonths; nothing else.");
        }

        if (Closures is null)
        {
            problems.Add("The list of closure days is missing; give an empty list when the board has none.");
        }
        else
        {
            foreach (var closure in Closures)
            {
                if (closure is null || string.IsNullOrWhiteSpace(closure.Reason))
                {
                    problems.Add("Every closure day needs a date and a reason (e.g. \"Office closed\").");
                    break;
                }
            }
        }

        return problems;
    }

    /// <summary>The most working days "promptly" can be set to: four working weeks.</summary>
    public const int MaxPromptlyWorkingDays = 20;

    /// <summary>Every choice a board has, with the toolkit's value first for each setting.</summary>
    public static IReadOnlyList<ProfileAlternative> Alternatives { get; } =
    [
        new(nameof(InformChairsWorkingDays), "1", ObligationCode.D2,
            "Tell the Independent Chair and the Sub-group Chair of a notification by the next working day. Any number of working days from 0 (the same day) to 20 can be set.",
            "Toolkit (002): \"promptly\", no number given", true),
        new(nameof(DecisionClock), nameof(DecisionClockStart.ScopingPanelHeld), ObligationCode.D6,
            "The Independent Chair's written decision is due one month from the Scoping Panel meeting being held.",
            "Toolkit (002): \"within one month of the Scoping Panel meeting being held\"; flow chart (000)", true),
        new(nameof(DecisionClock), nameof(DecisionClockStart.MinutesReceived), ObligationCode.D6,
            "The Independent Chair's written decision is due one month from the minutes of the Scoping Panel being circulated to the Chair; the month starts only when the minutes go out.",
            "Toolkit (002), \"Timescales for completion\": \"one month from the date of receiving the Scoping Panel minutes\"", false),
        new(nameof(DecisionClock), nameof(DecisionClockStart.BoardNotifiedOfIncident), ObligationCode.D6,
            "The decision is due one month from the board receiving notice of the incident (the referral, or children's social care's notification if that came first).",
            "Leaflet (003): \"within 1 month of the LSCB receiving notice of the incident\"", false),
        new(nameof(NotifyDecisionToReviewWorkingDays), "5", ObligationCode.D8,
            "Notify the National Panel (with the reviewer's name), Ofsted and the DfE within 5 working days of the decision to hold an SCR. Any number of working days from 0 to 20 can be set.",
            "Toolkit (002): \"formally notify the national SCR Panel\", no number given", true),
        new(nameof(ReviewCompletion), nameof(ReviewCompletionTarget.SixMonths), ObligationCode.D9,
            "Complete the SCR within six months of initiating it, unless a delay is agreed.",
            "Toolkit (002): \"completion of a SCR within six months of initiating it\"; leaflet (003)", true),
        new(nameof(ReviewCompletion), nameof(ReviewCompletionTarget.FourMonths), ObligationCode.D9,
            "Complete the SCR within four months of initiating it, unless a delay is agreed.",
            "Leaflet, 2006 (001): \"generally expected that the SCR will be produced in four months\"", false),
    ];

    /// <summary>The description of one value of <see cref="DecisionClock"/>.</summary>
    public static string Describe(DecisionClockStart value) =>
        Alternatives.FirstOrDefault(a => a.Setting == nameof(DecisionClock) && a.Value == value.ToString())?.Description
        ?? throw new ArgumentOutOfRangeException(nameof(value), value, "Not a way of counting the Independent Chair's month.");

    /// <summary>The description of one value of <see cref="ReviewCompletion"/>.</summary>
    public static string Describe(ReviewCompletionTarget value) =>
        Alternatives.FirstOrDefault(a => a.Setting == nameof(ReviewCompletion) && a.Value == value.ToString())?.Description
        ?? throw new ArgumentOutOfRangeException(nameof(value), value, "Not a review completion target.");
}
