using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Conversations;

/// <summary>
/// The Board Manager's case card, the hub: one per case in the Board Manager's chat, updated in place after every
/// fact. The stage, what is due and by whom, the checklist of the stage (per agency: records secured, records checked
/// with known / not known and discrepancies, invited, chronology received), who could not be reached, and the Board
/// Manager's own buttons for the next step.
/// </summary>
public static class HubCard
{
    public const string OpenVerb = "task.open";

    /// <summary>The most steps listed as due, and as done (the latest), so that the card stays small for any board.</summary>
    public const int MaxListed = 12;

    public static JsonObject Build(CaseView view, IReadOnlyList<CaseStep> steps, IReadOnlyList<string> unreached, IReadOnlyList<IHubPart>? parts = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(steps);
        return CardBudget.Fit(limit => Build(view, steps, unreached, parts ?? [], limit));
    }

    private static JsonObject Build(CaseView view, IReadOnlyList<CaseStep> steps, IReadOnlyList<string> unreached, IReadOnlyList<IHubPart> parts, int? limit)
    {
        var state = view.State;
        var body = new List<JsonNode?>
        {
            ConfidentialLine(),
            Heading($"{view.Reference} · Case card"),
            Facts(Summary(view, limit)),
        };

        if (state.Stage == Stage.IndependentChairDecision && state.Recommendation is null && state.SubgroupOutcome is { } outcome
            && outcome != SubgroupOutcome.ConveneScopingPanel)
        {
            body.Add(Container(
            [
                Text("Waiting for the Independent Chair", strong: true),
                Text($"The sub-group recommends not convening a Scoping Panel ({StepWords.Outcome(outcome)}). The final decision rests with the Independent Chair; the case stays open until the Chair decides.", subtle: false),
            ], style: "attention"));
        }

        body.AddRange(parts.SelectMany(p => p.Body(view)));
        var open = steps.Where(s => s.Open).OrderBy(s => s.Due ?? DateOnly.MaxValue).ToList();
        body.Add(Subheading("What is due, and by whom"));
        body.Add(open.Count == 0
            ? Text("Nothing is waiting on anyone at this stage.", subtle: true)
            : Bullets(open.Take(MaxListed).Select(s => $"{s.Title}: {Owners(s)}{(s.Due is { } due ? $", by {HumanDates.FormatWithRelative(due, view.Today, view.Calendar)}" : "")}")));
        if (open.Count > MaxListed)
        {
            body.Add(Text($"and {open.Count - MaxListed} more: each agency's line below says what it still owes.", subtle: true));
        }

        var done = steps.Where(s => s.Done is not null).OrderBy(s => s.Done!.At).ToList();
        if (done.Count > 0)
        {
            body.Add(Subheading("Done"));
            body.Add(Bullets(done.TakeLast(MaxListed).Select(s => TaskCard.DoneWords(s, s.Done!))));
            if (done.Count > MaxListed)
            {
                body.Add(Text($"and {done.Count - MaxListed} earlier steps: type case {view.Reference} for the whole record.", subtle: true));
            }
        }

        if (state.ChosenAgencies.Count > 0 || state.PartnersSentChildDetails.Count > 0)
        {
            body.Add(Subheading("Agencies", separator: true));
            var agencies = state.ChosenAgencies.Concat(state.PartnersSentChildDetails).Distinct().ToList();
            body.Add(Bullets(agencies.Select(agency => $"{view.AgencyName(agency)}: {Checklist(state, agency, limit)}")));
        }

        if (unreached.Count > 0)
        {
            body.Add(Container(
            [
                Text("Could not be reached", strong: true),
                Bullets(unreached.Select(u => CardBudget.Shorten(u, limit))),
                Text("Their cards could not be delivered. ScrBot tries again after every change on this case; ask them to open ScrBot in Teams.", subtle: true),
            ], style: "attention"));
        }

        var mine = open.Where(s => view.WithRole(Domain.Boards.Role.BoardManager).Any(m => s.Owners.Any(o => o.Id == m.Id))).Take(4)
            .Select(s => Execute(s.Title, OpenVerb, new JsonObject { [TaskCard.CaseKey] = view.Reference.Value, [TaskCard.StepKey] = s.Key }, sendInputs: false))
            .ToList();
        mine.AddRange(parts.SelectMany(p => p.Actions(view)).OfType<JsonObject>());
        return Card(body, mine);
    }

    private static List<(string, string)> Summary(CaseView view, int? limit)
    {
        var state = view.State;
        var facts = new List<(string, string)>
        {
            ("Stage", Words.Of(state.Stage)),
            ("Child", state.Form?.Child.Name ?? ""),
        };
        if (state.SubgroupMeetingDate is { } meeting)
        {
            facts.Add(("Sub-group meets", Words.Date(meeting) + (state.SubgroupMeetingExtraordinary ? " (extraordinary meeting)" : "")));
        }

        if (state.SameChildAs is { } same)
        {
            facts.Add(("Same child as", same.Value));
        }

        if (state.Routes is { } routes)
        {
            facts.Add(("Routes", CardBudget.Shorten(StepWords.Routes(routes), limit)));
        }

        if (state.SubgroupChairInvolvement is not null)
        {
            facts.Add(("Sub-group Chair", "Declared direct involvement: the Vice-Chair decides and chairs"));
        }

        if (state.SubgroupOutcome is { } outcome)
        {
            facts.Add(("Sub-group decided", $"{StepWords.Outcome(outcome)}: {CardBudget.Shorten(state.SubgroupReasons ?? "", limit)}"));
        }

        if (state.RecordsSecuredDueBy is { } secure)
        {
            facts.Add(("Records secured by", HumanDates.FormatWithRelative(secure, view.Today, view.Calendar)));
            var late = state.PartnersSentChildDetails.Where(a => !state.RecordsSecuredBy.Contains(a)).ToList();
            if (secure < view.Today && late.Count > 0 && state.Stage == Stage.PreparingScopingPanel)
            {
                facts.Add(("Late securing records", CardBudget.Shorten(string.Join(", ", late.Select(view.AgencyName)), limit)));
            }
        }

        if (state.RecordChecksDueBy is { } checks)
        {
            facts.Add(("Record checks due (D3)", HumanDates.FormatWithRelative(checks, view.Today, view.Calendar)));
        }

        if (state.SchoolsChecked is { } schools)
        {
            facts.Add(("Schools checked and informed", CardBudget.Shorten(string.Join(", ", schools), limit)));
        }

        if (state.InvitationsSentAt is { } invited)
        {
            facts.Add(("Invitations sent", Words.DateAndTime(invited) + (state.InvitationsProceededBecause is { } why ? $" (proceeded: {CardBudget.Shorten(why, limit)})" : "")));
            facts.Add(("Ready to schedule", state.ScheduledPanel is null ? "Yes: the Scoping Panel meeting can now be booked" : "Scheduled"));
        }

        return facts;
    }

    /// <summary>One agency's line of the stage's checklist: details sent, records secured, checked, invited, attending, chronology.</summary>
    private static string Checklist(CaseState state, Domain.Boards.AgencyId agency, int? limit)
    {
        var parts = new List<string>
        {
            state.PartnersSentChildDetails.Contains(agency) ? "details sent" : "details not sent",
            state.RecordsSecuredBy.Contains(agency) ? "records secured" : "records not yet secured",
        };
        var check = state.RecordCheckOf(agency);
        parts.Add(check is null
            ? "check not yet returned"
            : "checked: " + (check.Result == RecordCheckResult.Known ? "Known" : "Not known") +
              (check.People.Count > 0 ? $" ({string.Join(", ", check.People.Select(p => $"{CardBudget.Shorten(p.Person, limit)} {(p.Result == RecordCheckResult.Known ? "known" : "not known")}"))})" : "") +
              (CaseCommands.CheckIsIn(state, agency) ? "" : ", due again after the details were corrected"));
        if (check is { Discrepancies.Count: > 0 })
        {
            parts.Add("discrepancies: " + string.Join("; ", check.Discrepancies.Select(d => $"{StepWords.Of(d.Kind)}: {CardBudget.Shorten(d.Details, limit)}")));
        }

        var invitation = state.Invitations.FirstOrDefault(i => i.Agency == agency);
        if (invitation is not null)
        {
            parts.Add($"invited: {invitation.Member.Name}");
            parts.Add(invitation.Attending switch { true => "attending", false => "not attending", _ => "attendance not yet answered" });
            parts.Add(state.ChronologiesReceived.Contains(agency) ? "chronology received" : "chronology not yet received");
        }

        return string.Join(" · ", parts);
    }

    private static string Owners(CaseStep step) =>
        step.Owners.Count == 0 ? "no representative named in the board's directory" : string.Join(", ", step.Owners.Select(o => o.Name).Distinct());
}

/// <summary>The words the stage cards share for outcomes, routes and discrepancies.</summary>
public static class StepWords
{
    public static string Outcome(SubgroupOutcome outcome) => outcome switch
    {
        SubgroupOutcome.ConveneScopingPanel => "convene a Scoping Panel",
        SubgroupOutcome.AnotherLearningReview => "not to convene: another learning review",
        SubgroupOutcome.NoFurtherAction => "not to convene: no further action",
        _ => outcome.ToString(),
    };

    /// <summary>"a multi-agency learning review (commissioned), SCIE Learning Together".</summary>
    public static string Recommendation(PanelRecommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        var words = Refusals.OptionWords(recommendation.Option);
        if (recommendation.Option == RecommendationOption.MultiAgencyLearningReview)
        {
            words += recommendation.MultiAgencyReviewCommissioned ? " (commissioned)" : " (internal)";
        }

        return recommendation.Methodology is { } m ? $"{words}, by {Methodology(m)}" : words;
    }

    public static string Methodology(ReviewMethodology methodology) => methodology switch
    {
        ReviewMethodology.Scie => "SCIE Learning Together",
        ReviewMethodology.Silp => "Significant Incident Learning Process (SILP)",
        ReviewMethodology.RootCauseAnalysis => "root cause analysis",
        ReviewMethodology.ChildPracticeReview => "child practice review",
        _ => "another systems approach",
    };

    public static string Of(DiscrepancyKind kind) => kind switch
    {
        DiscrepancyKind.DateOfBirth => "Date of birth",
        DiscrepancyKind.SpellingOrAlias => "Spelling of names or aliases",
        DiscrepancyKind.Address => "Address details",
        DiscrepancyKind.SignificantOtherNotIdentified => "A significant other not already identified",
        _ => "Other",
    };

    public static string Routes(CaseRoutes routes)
    {
        var parts = new List<string>();
        if (routes.FromChildDeathOverviewPanel)
        {
            parts.Add("referred by the Child Death Overview Panel");
        }

        if (routes.DomesticHomicideReview)
        {
            parts.Add("a Domestic Homicide Review (for a victim under 18 the SCR takes precedence)");
        }

        if (routes.YouthJusticeBoardReview)
        {
            parts.Add("a Youth Justice Board serious incident review");
        }

        if (routes.ProbationOmbudsmanInvestigation)
        {
            parts.Add("a prisons and probation ombudsman investigation");
        }

        var text = parts.Count == 0 ? "No other route or parallel review" : string.Join("; ", parts);
        return routes.Leads is { } leads ? $"{text}. Leads to engage from scoping: {leads}" : text;
    }
}
