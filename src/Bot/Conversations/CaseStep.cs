using System.Text.Json.Nodes;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Conversations;

/// <summary>
/// Who did a step, and when: what every copy of its card says once it is done. <paramref name="Words"/>, when given,
/// is what the copies say instead of "… done by …" (e.g. "Upheld by Adele Vance, Independent Chair, Thursday 12 March
/// 2027 10:14").
/// </summary>
public sealed record StepDone(Actor By, DateTimeOffset At, string? Words = null);

/// <summary>
/// One step of the process on one case, as the stage that owns it derives it from the case's facts: its key
/// (<c>arrange</c>, <c>check/staffs-police</c>), the toolkit's words for it, who owes it, by when, whether it is still
/// open, who did it once done, and the task card that asks for it (with the button that does it).
/// </summary>
public sealed record CaseStep(
    string Key,
    string Title,
    IReadOnlyList<Actor> Owners,
    DateOnly? Due,
    bool Open,
    StepDone? Done,
    Func<StepView, JsonObject> TaskCard)
{
    /// <summary>
    /// People who get a copy of the step's card without owing it (the Sub-group Chair sees the Independent Chair's
    /// decision card; the referrer is sent the outcome once told): while the step is open their copy has no buttons,
    /// and once done it says who did it and when, like every other copy.
    /// </summary>
    public IReadOnlyList<Actor> CopiesTo { get; init; } = [];

    /// <summary>Whether this person has a copy of this step's card (owes it or is sent a copy).</summary>
    public bool IsCopiedTo(PersonId person) => Owners.Any(o => o.Id == person) || CopiesTo.Any(o => o.Id == person);

    /// <summary>Whether this person owes the step now.</summary>
    public bool IsOwedBy(PersonId person) => Open && Owners.Any(o => o.Id == person);
}

/// <summary>Everything a stage needs to derive its steps and draw their cards.</summary>
public sealed record CaseView(
    BoardId Board,
    CaseState State,
    IReadOnlyList<CaseEvent> Facts,
    IReadOnlyList<Obligation> Obligations,
    BoardDirectory Directory,
    DateOnly Today,
    WorkingDayCalendar Calendar)
{
    public CaseReference Reference => State.Reference!.Value;

    /// <summary>The last fact of this kind that matches, as who-and-when.</summary>
    public StepDone? Last<T>(Func<T, bool>? match = null)
        where T : CaseEvent =>
        Facts.OfType<T>().LastOrDefault(f => match?.Invoke(f) ?? true) is { } fact ? new StepDone(fact.By, fact.At) : null;

    /// <summary>The due date of an obligation of this case (by its key, e.g. "D3/staffs-police").</summary>
    public DateOnly? DueOf(string obligationKey) => Obligations.FirstOrDefault(o => o.Key == obligationKey)?.DueOn;

    public string AgencyName(AgencyId agency) =>
        new[] { State.LeadBoard }.Concat(State.CooperatingBoards).Select(b => Directory.FindAgency(b, agency)).FirstOrDefault(a => a is not null)?.Name
        ?? agency.Value;

    /// <summary>The board members holding a board-wide role on this case's board.</summary>
    public IReadOnlyList<Actor> WithRole(Role role) => Directory.WithRole(State.LeadBoard, role).Select(m => new Actor(m.Person, m.Name)).ToList();

    /// <summary>An agency's representatives on the case, else the board's representatives of that agency.</summary>
    public IReadOnlyList<Actor> AgencyRepresentatives(AgencyId agency)
    {
        var onCase = OnCase(Role.AgencyRepresentative, agency);
        return onCase.Count > 0
            ? onCase
            : Directory.NamedFor(State.LeadBoard, agency, Role.AgencyRepresentative).Select(m => new Actor(m.Person, m.Name)).ToList();
    }

    /// <summary>The people holding a role given on this case (for an agency, when named).</summary>
    public IReadOnlyList<Actor> OnCase(Role role, AgencyId? agency = null) =>
        State.Roles.Where(r => r.Role == role && (agency is null || r.Agency == agency)).Select(r => r.Person).DistinctBy(p => p.Id).ToList();
}

/// <summary>A step's task card as drawn for one person.</summary>
public sealed record StepView(CaseView Case, CaseStep Step, Actor Viewer, string? Error = null);

/// <summary>
/// A stage's steps: each stage folder (Stages/SubGroup, Stages/Preparing, ...) derives its own from the case's facts.
/// The conversations part sends, updates and lists them without knowing any stage.
/// </summary>
public interface IStageSteps
{
    IEnumerable<CaseStep> Steps(CaseView view);
}

/// <summary>
/// A stage's part of the Board Manager's hub card, beyond its steps: what the stage shows there (the meeting booked,
/// the invitees' answers) and the Board Manager's buttons for it (move or cancel the meeting).
/// </summary>
public interface IHubPart
{
    IEnumerable<JsonNode?> Body(CaseView view);

    IEnumerable<JsonNode?> Actions(CaseView view);

    /// <summary>
    /// The buttons the stage offers this person on the case's status (<c>case</c>) beyond the steps they owe, where the
    /// domain lets more than the Board Manager act (the Independent Chair replacing the reviewer).
    /// </summary>
    IEnumerable<JsonNode?> ActionsFor(CaseView view, Actor person) => [];
}
