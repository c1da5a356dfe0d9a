using Microsoft.Extensions.Configuration;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Storage;

/// <summary>
/// Each board's process profile: the toolkit's values unless the configuration section
/// <c>ProcessProfiles:{boardId}</c> chooses an alternative the seeds give (e.g. <c>ReviewCompletion = FourMonths</c>).
/// </summary>
public sealed class ProcessProfiles
{
    public const string Section = "ProcessProfiles";

    private readonly IReadOnlyDictionary<BoardId, ProcessProfile> _profiles;

    public ProcessProfiles(IReadOnlyDictionary<BoardId, ProcessProfile>? profiles = null)
    {
        _profiles = profiles ?? new Dictionary<BoardId, ProcessProfile>();
        var problems = _profiles
            .SelectMany(p => p.Value.Problems().Select(problem => $"{Section}:{p.Key}: {problem}"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The board process profiles are not valid. " + string.Join(" ", problems));
        }
    }

    public ProcessProfile For(BoardId board) => _profiles.TryGetValue(board, out var profile) ? profile : ProcessProfile.Toolkit;

    public static ProcessProfiles From(IConfiguration? configuration)
    {
        var section = configuration?.GetSection(Section);
        if (section is null || !section.Exists())
        {
            return new ProcessProfiles();
        }

        var profiles = new Dictionary<BoardId, ProcessProfile>();
        foreach (var board in section.GetChildren())
        {
            var profile = board.Get<ProcessProfile>() ?? ProcessProfile.Toolkit;
            profiles[new BoardId(board.Key)] = profile;
        }

        return new ProcessProfiles(profiles);
    }
}

/// <summary>
/// The obligations index fed by the real rules (D1–D12 in <c>ScrBot.Domain.Obligations</c>): after every change to a
/// case, its outstanding obligations as of today (Europe/London) under its board's profile. A closed case keeps the
/// ones it still owes others (D1, D7, D8, D10, D11); what it owed within the process ended with it.
/// </summary>
public sealed class ObligationRulesIndexSource(ProcessProfiles profiles, TimeProvider time) : IObligationIndexSource
{
    public IReadOnlyList<ObligationIndexEntry> For(CaseState state, IReadOnlyList<CaseEvent> facts)
    {
        if (!state.Exists)
        {
            return [];
        }

        var profile = profiles.For(state.LeadBoard);
        return ObligationIndex
            .EntriesFor(facts, profile, profile.CreateCalendar(), LondonTime.Today(time));
    }
}
