using System.Globalization;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Referral;

/// <summary>What a draft says as a typed form, with the answers that could not be read (each keyed by its input id).</summary>
public sealed record FormReading(NotificationForm Form, IReadOnlyList<Refusal> Problems, int AgenciesChosenFromList);

/// <summary>
/// Turns a draft's strings into a <see cref="NotificationForm"/>: dates, numbers, choices and toggles become typed
/// values. An answer that cannot be read (a date that is not a date, a choice that is not on the list, a required
/// choice not made) is a problem beside its input; whatever else is wrong is for the domain's rules to say. Sections
/// not yet filled in read as empty, which the rules report but the journey only shows once the user reaches them.
/// </summary>
public static class FormReader
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "d MMMM yyyy", "d MMM yyyy", "dddd d MMMM yyyy", "dddd, d MMMM yyyy",
    ];

    public static FormReading Read(FormDraft draft, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(directory);
        var problems = new List<Refusal>();
        var reader = new Reader(draft, problems);

        var board = ReadBoard(draft, directory, problems);
        var referrer = ReadReferrer(reader, board, problems);
        var child = ReadChild(reader) with
        {
            HomeBoard = ReadBoardChoice(draft, FormFields.ChildHomeBoard, "The board of the child's home area", directory, problems),
            ResponsibleAuthorityBoard = ReadBoardChoice(draft, FormFields.ChildResponsibleAuthorityBoard, "The board of the responsible local authority", directory, problems),
        };
        var incident = ReadIncident(reader, board, referrer);
        var others = ReadSignificantOthers(draft, reader);
        var (agencies, fromList) = ReadAgencies(draft, board, problems);
        var otherBoards = ReadOtherBoards(draft, directory, problems);
        var parallel = ReadParallel(reader);

        var form = new NotificationForm(referrer, child, incident, others, agencies, otherBoards, parallel);
        return new FormReading(form, problems, fromList);
    }

    /// <summary>The board the referral is for: the one chosen, or the only one there is.</summary>
    public static Board? ChosenBoard(FormDraft draft, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(directory);
        var chosen = draft.Answer(FormFields.Board).Trim();
        if (chosen.Length == 0)
        {
            return directory.Boards.Count == 1 ? directory.Boards[0] : null;
        }

        return directory.Boards.FirstOrDefault(b => b.Id.Value == chosen);
    }

    private static Board? ReadBoard(FormDraft draft, BoardDirectory directory, List<Refusal> problems)
    {
        var chosen = draft.Answer(FormFields.Board).Trim();
        var board = ChosenBoard(draft, directory);
        if (board is null && chosen.Length > 0)
        {
            problems.Add(new Refusal("Board: choose one of the boards on the list.", FormFields.Board));
        }

        return board;
    }

    /// <summary>A board chosen from the list, null for none or "elsewhere".</summary>
    private static BoardId? ReadBoardChoice(FormDraft draft, string id, string label, BoardDirectory directory, List<Refusal> problems)
    {
        var chosen = draft.Answer(id).Trim();
        if (chosen.Length == 0 || chosen == FormFields.ElsewhereChoice)
        {
            return null;
        }

        if (directory.Boards.All(b => b.Id.Value != chosen))
        {
            problems.Add(new Refusal($"{label}: choose one of the options on the list.", id));
            return null;
        }

        return new BoardId(chosen);
    }

    private static ReferrerDetails ReadReferrer(Reader r, Board? board, List<Refusal> problems)
    {
        var agencyChoice = r.Text(FormFields.ReferrerAgency);
        AgencyId? agency = null;
        string? otherName = r.OptionalText(FormFields.ReferrerOtherAgency);
        if (agencyChoice.Length > 0 && agencyChoice != FormFields.OtherAgencyChoice)
        {
            if (board is not null && board.Agencies.All(a => a.Id.Value != agencyChoice))
            {
                problems.Add(new Refusal($"Your agency: choose one from the list of {board.Name}'s agencies, or choose 'Another agency' and name it.",
                    FormFields.ReferrerAgency));
            }
            else
            {
                agency = new AgencyId(agencyChoice);
                otherName = null;
            }
        }

        var source = r.Choice(InputIds.ReferralSource, "Where the referral comes from", ReferralSource.Agency, required: false);
        return new ReferrerDetails(
            r.Text(FormFields.ReferrerName),
            r.Text(FormFields.ReferrerRole),
            agency,
            otherName,
            r.Text(FormFields.ReferrerContact),
            r.Toggle(FormFields.SeniorLeadsAware),
            board?.Id ?? new BoardId(""),
            source);
    }

    private static ChildDetails ReadChild(Reader r) => new(
        r.Text(FormFields.ChildName),
        r.Lines(FormFields.ChildOtherNames),
        r.Date(FormFields.ChildDateOfBirth, "Date of birth"),
        r.WholeNumber(FormFields.ChildApproximateAge, "Approximate age"),
        r.Choice(FormFields.ChildGender, "Child's gender", Gender.NotKnown),
        r.Text(FormFields.ChildAddress),
        r.OptionalText(FormFields.ChildEthnicity),
        r.YesNo(FormFields.ChildLookedAfter, "Whether the child is looked after"),
        r.OptionalText(FormFields.ChildResponsibleAuthority),
        r.Choice(FormFields.ChildProtectionPlan, "Child protection plan", ChildProtectionPlan.NotKnown),
        r.YesNo(FormFields.ChildInRegulatedSetting, "Whether the child was in a regulated setting or service"),
        r.Choice(FormFields.ChildCustody, "Custody, detention or deprivation of liberty", CustodyStatus.None));

    /// <summary>
    /// The incident. When the referrer is from children's social care, its awareness is theirs: the date children's
    /// social care became aware is the date their agency did, unless the form gives another.
    /// </summary>
    private static IncidentDetails ReadIncident(Reader r, Board? board, ReferrerDetails referrer)
    {
        var aware = r.Date(FormFields.IncidentDateAware, "Date the agency became aware");
        var socialCareAware = r.Date(FormFields.IncidentDateChildrensSocialCareAware, "Date children's social care became aware");
        var fromSocialCare = referrer.Agency is { } agency && board?.Agencies.FirstOrDefault(a => a.Id == agency)?.Kind == AgencyKind.ChildrensSocialCare;
        return new(
            r.Choice(FormFields.IncidentKind, "What happened", IncidentKind.Other),
            r.Date(FormFields.IncidentDate, "Date of the incident") ?? default,
            aware ?? default,
            r.Choice(FormFields.IncidentAbuseOrNeglect, "Abuse or neglect", AbuseOrNeglect.NotSuspected),
            r.Text(FormFields.IncidentDescription),
            r.Choice(FormFields.IncidentInterAgencyConcern, "Concerns about how agencies worked together", InterAgencyConcern.NotKnown),
            r.OptionalText(FormFields.IncidentInterAgencyConcernDetails),
            socialCareAware ?? (fromSocialCare ? aware : null));
    }

    private static List<SignificantOther> ReadSignificantOthers(FormDraft draft, Reader r)
    {
        var others = new List<SignificantOther>();
        for (var row = 0; row < draft.SignificantOtherRows; row++)
        {
            var name = InputIds.SignificantOther(row, FormFields.SignificantOtherName);
            var relationship = InputIds.SignificantOther(row, FormFields.SignificantOtherRelationship);
            var dob = InputIds.SignificantOther(row, FormFields.SignificantOtherDateOfBirth);
            if (r.IsBlank(name) && r.IsBlank(relationship) && r.IsBlank(dob))
            {
                continue;
            }

            others.Add(new SignificantOther(r.Text(name), r.Text(relationship), r.Date(dob, $"Person {row + 1}'s date of birth")));
        }

        return others;
    }

    private static (List<AgencyInvolvement>, int) ReadAgencies(FormDraft draft, Board? board, List<Refusal> problems)
    {
        var involved = new List<AgencyInvolvement>();
        foreach (var id in Split(draft.Answer(InputIds.AgenciesInvolved)))
        {
            if (board is not null && board.Agencies.All(a => a.Id.Value != id))
            {
                problems.Add(new Refusal($"Agencies involved: choose from the list of {board.Name}'s agencies.", InputIds.AgenciesInvolved));
                continue;
            }

            if (involved.All(a => a.Agency?.Value != id))
            {
                involved.Add(new AgencyInvolvement(new AgencyId(id), null, null));
            }
        }

        var fromList = involved.Count;
        foreach (var name in LinesOf(draft.Answer(InputIds.OtherAgenciesInvolved)))
        {
            involved.Add(new AgencyInvolvement(null, name, null));
        }

        return (involved, fromList);
    }

    private static List<BoardId> ReadOtherBoards(FormDraft draft, BoardDirectory directory, List<Refusal> problems)
    {
        var boards = new List<BoardId>();
        foreach (var id in Split(draft.Answer(FormFields.OtherBoardsInvolved)))
        {
            if (directory.Boards.All(b => b.Id.Value != id))
            {
                problems.Add(new Refusal("Other boards involved: choose from the list of boards.", FormFields.OtherBoardsInvolved));
            }
            else if (!boards.Contains(new BoardId(id)))
            {
                boards.Add(new BoardId(id));
            }
        }

        return boards;
    }

    private static ParallelProcesses ReadParallel(Reader r) => new(
        r.Toggle(FormFields.CriminalInvestigation),
        r.OptionalText(FormFields.SeniorInvestigatingOfficer),
        r.Toggle(InputIds.DomesticHomicideReview),
        r.Toggle(InputIds.ChildDeathReview),
        r.Toggle(InputIds.YouthOffendingSeriousIncident),
        r.Toggle(InputIds.Coroner),
        r.Toggle(InputIds.Disciplinary),
        r.Toggle(InputIds.FamilyCourt),
        r.OptionalText(FormFields.ParallelDetails));

    private static IEnumerable<string> Split(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<string> LinesOf(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 0)];

    /// <summary>Reads one answer at a time, noting each answer that cannot be read.</summary>
    private sealed class Reader(FormDraft draft, List<Refusal> problems)
    {
        public bool IsBlank(string id) => string.IsNullOrWhiteSpace(draft.Answer(id));

        public string Text(string id) => draft.Answer(id).Trim();

        public string? OptionalText(string id) => IsBlank(id) ? null : draft.Answer(id).Trim();

        public IReadOnlyList<string> Lines(string id) => LinesOf(draft.Answer(id));

        public bool Toggle(string id) => string.Equals(draft.Answer(id).Trim(), "true", StringComparison.OrdinalIgnoreCase);

        public bool YesNo(string id, string label)
        {
            var value = draft.Answer(id).Trim();
            switch (value)
            {
                case "yes":
                    return true;
                case "no":
                    return false;
                case "":
                    problems.Add(new Refusal($"{label} is required: choose yes or no.", id));
                    return false;
                default:
                    problems.Add(new Refusal($"{label}: choose yes or no.", id));
                    return false;
            }
        }

        public T Choice<T>(string id, string label, T fallback, bool required = true)
            where T : struct, Enum
        {
            var value = draft.Answer(id).Trim();
            if (value.Length == 0)
            {
                if (required)
                {
                    problems.Add(new Refusal($"{label} is required: choose one of the options.", id));
                }

                return fallback;
            }

            // Exactly an option's name: letters and digits (e.g. DeprivationOfLibertyOrderAged16Or17), never a number.
            if (!char.IsAsciiLetter(value[0]) || !value.All(char.IsAsciiLetterOrDigit)
                || !Enum.TryParse<T>(value, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
            {
                problems.Add(new Refusal($"{label}: choose one of the options on the list.", id));
                return fallback;
            }

            return parsed;
        }

        public DateOnly? Date(string id, string label)
        {
            var value = draft.Answer(id).Trim();
            if (value.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date) &&
                date.Year >= 1900)
            {
                return date;
            }

            problems.Add(new Refusal($"{label} is not a date we can read: enter it like 4 January 2015.", id));
            return null;
        }

        public int? WholeNumber(string id, string label)
        {
            var value = draft.Answer(id).Trim();
            if (value.Length == 0)
            {
                return null;
            }

            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }

            problems.Add(new Refusal($"{label} must be a whole number of years, like 7.", id));
            return null;
        }
    }
}
