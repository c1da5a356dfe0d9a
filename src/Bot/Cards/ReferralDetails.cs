using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>
/// A notification form in full, section by section, for the cards that show it (the review before sending, the Board
/// Manager's triage, the case status). When a card would not fit in a Teams message, every answer longer than
/// <c>limit</c> characters is shortened, ending in "…".
/// </summary>
public static class ReferralDetails
{
    public static IEnumerable<JsonNode> Sections(NotificationForm form, BoardDirectory directory, int? limit)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(directory);
        foreach (var section in FormSections.All)
        {
            yield return Section(section, form, directory, limit);
        }
    }

    public static JsonObject Section(FormSection section, NotificationForm form, BoardDirectory directory, int? limit)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(directory);
        string S(string text) => CardBudget.Shorten(text, limit);
        IEnumerable<(string, string)> Short(IEnumerable<(string Title, string Value)> facts) => facts.Select(f => (S(f.Title), S(f.Value)));

        var items = new List<JsonNode> { Subheading($"{(int)section} · {FormSections.SummaryTitle(section)}") };
        switch (section)
        {
            case FormSection.Referrer:
                items.Add(Facts(Short(Referrer(form.Referrer, directory))));
                break;

            case FormSection.Child:
                items.Add(Facts(Short(Child(form.Child))));
                break;

            case FormSection.Incident:
                var incident = form.Incident;
                items.Add(Facts(
                [
                    ("What happened", Words.Of(incident.Kind)),
                    ("Date of the incident", Words.Date(incident.Date)),
                    ("Agency became aware", Words.Date(incident.DateAgencyBecameAware)),
                    ("Children's social care became aware", incident.DateChildrensSocialCareAware is { } cscAware ? Words.Date(cscAware) : "Not given"),
                    ("Abuse or neglect", Words.Of(incident.AbuseOrNeglect)),
                    ("Concerns about working together", Words.Of(incident.InterAgencyConcern)),
                ]));
                items.Add(Text("Description", strong: true));
                items.Add(Text(S(incident.Description)));
                if (incident.InterAgencyConcernDetails is { } concerns)
                {
                    items.Add(Text("The concerns about how agencies worked together", strong: true));
                    items.Add(Text(S(concerns)));
                }

                break;

            case FormSection.SignificantOthers:
                items.Add(form.SignificantOthers.Count == 0
                    ? Text("No one named.", subtle: true)
                    : Facts(Short(form.SignificantOthers.Select(o => (o.Name, SignificantOther(o))))));
                break;

            case FormSection.AgenciesAndBoards:
                var board = directory.Find(form.Referrer.Board);
                var agencies = form.AgenciesInvolved.Select(a => S(AgencyName(a.Agency, a.OtherAgencyName, board))).ToList();
                items.Add(Text("Agencies involved", strong: true));
                items.Add(agencies.Count == 0 ? Text("None named.", subtle: true) : Bullets(agencies));
                if (form.OtherBoardsInvolved.Count > 0)
                {
                    items.Add(Text("Other boards involved", strong: true));
                    items.Add(Bullets(form.OtherBoardsInvolved.Select(b => directory.Find(b)?.Name ?? b.Value)));
                }

                break;

            case FormSection.ParallelProcesses:
                var parallel = form.ParallelProcesses;
                var running = Running(parallel).ToList();
                items.Add(running.Count == 0 ? Text("None running.", subtle: true) : Bullets(running));
                if (parallel.SeniorInvestigatingOfficerContact is { } sio)
                {
                    items.Add(Facts([("Senior Investigating Officer", S(sio))]));
                }

                if (parallel.Details is { } details)
                {
                    items.Add(Text("Details", strong: true));
                    items.Add(Text(S(details)));
                }

                break;
        }

        return Container(items);
    }

    /// <summary>The answers of a section that a person typed, with their titles (what a shortened card may have cut).</summary>
    public static IEnumerable<(string Title, string Text)> TypedAnswers(FormSection section, NotificationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        IEnumerable<(string, string?)> answers = section switch
        {
            FormSection.Referrer =>
            [
                ("Referrer's name", form.Referrer.Name), ("Referrer's role", form.Referrer.Role),
                ("Referring agency", form.Referrer.OtherAgencyName), ("Referrer's contact details", form.Referrer.Contact),
            ],
            FormSection.Child =>
            [
                ("Child's name", form.Child.Name), ("Other names", string.Join("\n", form.Child.OtherNames)), ("Address", Words.Lines(form.Child.Address)),
                ("Ethnicity", form.Child.Ethnicity), ("Responsible authority", form.Child.ResponsibleAuthority),
            ],
            FormSection.Incident =>
            [
                ("Description of the incident", form.Incident.Description),
                ("Concerns about how agencies worked together", form.Incident.InterAgencyConcernDetails),
            ],
            FormSection.SignificantOthers => form.SignificantOthers.SelectMany((o, i) => new (string, string?)[]
            {
                ($"Significant other {i + 1}: name", o.Name), ($"Significant other {i + 1}: relationship", o.Relationship),
            }),
            FormSection.AgenciesAndBoards => [("Other agencies involved", string.Join("\n", form.AgenciesInvolved.Select(a => a.OtherAgencyName).OfType<string>()))],
            _ =>
            [
                ("Senior Investigating Officer", form.ParallelProcesses.SeniorInvestigatingOfficerContact),
                ("Parallel processes: details", form.ParallelProcesses.Details),
            ],
        };
        return answers.Where(a => !string.IsNullOrEmpty(a.Item2)).Select(a => (a.Item1, a.Item2!));
    }

    public static IReadOnlyList<(string, string)> Referrer(ReferrerDetails referrer, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        ArgumentNullException.ThrowIfNull(directory);
        var board = directory.Find(referrer.Board);
        return
        [
            ("Board", board?.Name ?? referrer.Board.Value),
            ("Comes from", Words.Of(referrer.Source)),
            ("Name", referrer.Name),
            ("Role", referrer.Role),
            ("Agency", AgencyName(referrer.Agency, referrer.OtherAgencyName, board)),
            ("Contact", referrer.Contact),
            ("Senior leads aware", Words.YesNo(referrer.SeniorLeadsAware)),
        ];
    }

    public static IReadOnlyList<(string, string)> Child(ChildDetails child)
    {
        ArgumentNullException.ThrowIfNull(child);
        var facts = new List<(string, string)> { ("Name", child.Name) };
        if (child.OtherNames.Count > 0)
        {
            facts.Add(("Other names", string.Join(", ", child.OtherNames)));
        }

        facts.Add(child.DateOfBirth is { } dob
            ? ("Date of birth", Words.Date(dob))
            : ("Approximate age", string.Create(CultureInfo.InvariantCulture, $"{child.ApproximateAgeYears} (date of birth not known)")));
        facts.Add(("Gender", Words.Of(child.Gender)));
        facts.Add(("Address", Words.Lines(child.Address)));
        if (child.Ethnicity is { } ethnicity)
        {
            facts.Add(("Ethnicity", ethnicity));
        }

        facts.Add(("Looked after", child.LookedAfter ? $"Yes: {child.ResponsibleAuthority ?? ""}".TrimEnd(' ', ':') : "No"));
        facts.Add(("Child protection plan", Words.Of(child.ChildProtectionPlan)));
        facts.Add(("Regulated setting or service", Words.YesNo(child.InRegulatedSetting)));
        facts.Add(("Custody or detention", Words.Of(child.Custody)));
        return facts;
    }

    public static string SignificantOther(SignificantOther other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.DateOfBirth is { } dob ? $"{other.Relationship}, born {Words.Date(dob)}" : other.Relationship;
    }

    public static string AgencyName(AgencyId? agency, string? otherName, Board? board) =>
        agency is { } id && board?.Agencies.FirstOrDefault(a => a.Id == id) is { } known ? known.Name : otherName ?? agency?.Value ?? "";

    public static IEnumerable<string> Running(ParallelProcesses parallel)
    {
        ArgumentNullException.ThrowIfNull(parallel);
        if (parallel.CriminalInvestigation)
        {
            yield return "A criminal investigation";
        }

        if (parallel.DomesticHomicideReview)
        {
            yield return "A Domestic Homicide Review";
        }

        if (parallel.ChildDeathReview)
        {
            yield return "A child death review (CDOP)";
        }

        if (parallel.YouthOffendingSeriousIncident)
        {
            yield return "A Youth Offending Service serious incident review";
        }

        if (parallel.Coroner)
        {
            yield return "The coroner";
        }

        if (parallel.Disciplinary)
        {
            yield return "Disciplinary proceedings";
        }

        if (parallel.FamilyCourt)
        {
            yield return "Family court proceedings";
        }
    }
}
