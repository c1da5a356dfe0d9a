using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.Review;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Reviewer;

/// <summary>
/// The task cards of commissioning the reviewer: the sub-group's recommendation, the Independent Chair's and the
/// Director of Children's Services' appointment cards (the recommendation and its checks, Agree or Decline), the
/// National Panel told who was appointed, the Review Team and the Case Team. Each speaks of the review in its own words
/// (the Serious Case Review, or the multi-agency learning review).
/// </summary>
public static class ReviewerCards
{
    public const string RecommendVerb = "reviewer.recommend";
    public const string AgreeVerb = "reviewer.agree";
    public const string DeclineVerb = "reviewer.decline";
    public const string NationalPanelVerb = "reviewer.nationalPanel";
    public const string ReviewTeamVerb = "reviewer.reviewTeam";
    public const string CaseTeamVerb = "reviewer.caseTeam";
    public const string ReplaceVerb = "reviewer.replace";

    public const string LeadInput = "lead";
    public const string LeadNameInput = "leadName";
    public const string SecondInput = "second";
    public const string SecondNameInput = "secondName";
    public const string SourceInput = "source";
    public const string SourceDetailsInput = "sourceDetails";
    public const string TrainingInput = "training";
    public const string ExperienceInput = "experience";
    public const string ReferencesInput = "references";
    public const string IndependenceInput = "independence";
    public const string ReasonsInput = "reasons";
    public const string DateInput = "sentOn";
    public const string MembersInput = "members";
    public const string SeniorityInput = "seniority";
    public const string StaffInput = "staff";
    public const string FamilyInput = "family";
    public const string ReasonInput = "reason";

    /// <summary>The choice for a reviewer who is not one of the board's directory: their name is typed.</summary>
    public const string SomeoneElse = "other";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The sub-group's recommendation: the lead reviewer (and a second, if any) from the board's directory of reviewers
    /// or by name, where they come from, and the checks; to the Independent Chair and the Director of Children's Services.
    /// </summary>
    public static JsonObject Recommend(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var words = ReviewWords.Of(state);
        var facts = new List<(string, string)> { ("Review", Capital(words)) };
        if (state.Recommendation is { } panel)
        {
            facts.Add(("The panel recommended", StepWords.Recommendation(panel)));
        }

        foreach (var earlier in state.ReviewerRounds)
        {
            facts.Add(($"Recommendation {earlier.Round}", RoundWords(earlier)));
        }

        var reviewers = DirectoryReviewers(view.Case);
        var body = new List<JsonNode?>
        {
            Text($"Recommend the lead reviewer of {words} to the Independent Chair and the Director of Children's Services, who decide the appointment. " +
                 "Consult the National Panel's list of accredited reviewers and other local authorities' recommendations; the lead reviewer must be totally independent of the case.", subtle: true),
        };
        if (reviewers.Count > 0)
        {
            var options = reviewers.Select(r => (r.Name, r.Person.Value)).Append(("Someone else: type their name below", SomeoneElse)).ToList();
            body.Add(Choices(LeadInput, "Lead reviewer (a reviewer in the board's directory gets their cards in Teams)", options, "", expanded: false, placeholder: "Choose the lead reviewer"));
            body.Add(TextInput(LeadNameInput, "Lead reviewer's name, if someone else", "", FormLimits.Name));
            body.Add(Choices(SecondInput, "Second reviewer (if any)", options, "", expanded: false, placeholder: "No second reviewer"));
            body.Add(TextInput(SecondNameInput, "Second reviewer's name, if someone else", "", FormLimits.Name));
        }
        else
        {
            body.Add(TextInput(LeadNameInput, "Lead reviewer's name", "", FormLimits.Name, required: true));
            body.Add(TextInput(SecondNameInput, "Second reviewer's name (if any)", "", FormLimits.Name));
        }

        body.Add(Choices(SourceInput, "Where the reviewer comes from", Sources.Select(s => (SourceWords(s), s.ToString())), "", required: true));
        body.Add(TextInput(SourceDetailsInput, "Which local authority recommended them, or where they come from", "", FormLimits.Contact));
        body.Add(Subheading("Checks made", separator: true));
        body.Add(Toggle(TrainingInput, "Training", "The reviewers have relevant training", "false"));
        body.Add(Toggle(ExperienceInput, "Experience", "The reviewers have relevant experience", "false"));
        body.Add(Toggle(ReferencesInput, "References or previous work", "Their references or previous work were reviewed", "false"));
        body.Add(Toggle(IndependenceInput, "Independence", "The lead reviewer's independence from the case is confirmed", "false"));

        return TaskCard.Build(view, facts, body,
            [Execute("Recommend to the Chair and the Director", RecommendVerb, TaskCard.Data(view), style: "positive")],
            "The flow chart, for the sub-group, once the review is decided", confidential: false);
    }

    /// <summary>
    /// The Independent Chair's or the Director of Children's Services' card: the recommendation with its checks and the
    /// other's answer; Agree, or Decline with reasons. Once answered, every copy says so.
    /// </summary>
    public static JsonObject Appoint(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var round = state.ReviewerRounds.FirstOrDefault(r => r.Round == ReviewerSteps.RoundOf(view.Step.Key)) ?? state.CurrentReviewerRound!;
        var role = ReviewerSteps.AnsweringAs(view.Step.Key) ?? Role.IndependentChair;
        var other = role == Role.IndependentChair ? Role.DirectorOfChildrensServices : Role.IndependentChair;
        var facts = new List<(string, string)>
        {
            ("Review", Capital(ReviewWords.Of(state))),
            ("Lead reviewer", ReviewerWords(round.Lead)),
        };
        if (round.Second is { } second)
        {
            facts.Add(("Second reviewer", ReviewerWords(second)));
        }

        facts.Add(("Where from", SourceWords(round.Source) + (round.SourceDetails is { } details ? $": {details}" : "")));
        facts.Add(("Checks", ChecksWords(round.Checks)));
        facts.Add(("Recommended by", $"{round.RecommendedBy.Name}, {Words.DateAndTime(round.RecommendedAt)}"));
        facts.Add((Capital(RoleNames.Of(other)), round.AnswerOf(other) is { } answer ? ReviewerSteps.AnswerWords(other, answer) : "Not yet answered"));

        return TaskCard.Build(view, facts,
            [
                Text($"The appointment is made once both the Independent Chair and the Director of Children's Services agree. If you decline, give your reasons: the sub-group then recommends again.", subtle: true),
                TextInput(ReasonsInput, "Your reasons (required to decline)", "", 2000, multiline: true),
            ],
            [
                Execute("Agree to the appointment", AgreeVerb, TaskCard.Data(view), style: "positive"),
                Execute("Decline", DeclineVerb, TaskCard.Data(view)),
            ],
            "The sub-group, on the reviewer's appointment (flow chart)", confidential: false);
    }

    /// <summary>
    /// The Board Manager tells the National Panel who was appointed (D8); the follow-up when the Panel was told of the
    /// decision before a reviewer was appointed, or when a replaced reviewer's successor is appointed.
    /// </summary>
    public static JsonObject NationalPanel(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var round = state.ReviewerRounds.FirstOrDefault(r => r.Round == ReviewerSteps.RoundOf(view.Step.Key)) ?? state.CurrentReviewerRound!;
        var answers = new[] { (Role.IndependentChair, round.Chair), (Role.DirectorOfChildrensServices, round.Director) }
            .Where(a => a.Item2 is not null).Select(a => $"{a.Item2!.By.Name} ({RoleNames.Of(a.Item1)})");
        var facts = new List<(string, string)>
        {
            ("Appointed", $"{string.Join(", ", round.Reviewers.Select((r, i) => $"{r.Name} ({(i == 0 ? "lead reviewer" : "second reviewer")})"))}, on {Words.Date(round.AppointedAt!.Value)} by {string.Join(" and ", answers)}"),
        };
        var body = new List<JsonNode?>();
        // A notice to the National Panel that told no appointment: sent before a reviewer was appointed, without a name.
        var naming = state.ReviewerRounds.Select(r => r.NationalPanelTold).OfType<SentNotification>().ToList();
        var earlier = state.Notifications.Where(n => n.Recipient == NotificationRecipient.NationalPanel && !naming.Contains(n)).ToList();
        if (earlier.Count > 0)
        {
            body.Add(Attention($"The National Panel was told of the decision on {Words.Date(earlier[0].SentOn)}, before a reviewer was appointed: this is the follow-up that gives them the reviewer's name."));
        }

        if (state.ReviewerRounds.LastOrDefault(r => r.Round < round.Round && r.Replaced is not null) is { } replaced)
        {
            body.Add(Text($"{CaseCommands.ReviewerNames(replaced)} replaced on {Words.Date(replaced.Replaced!.At)}: tell the Panel who leads the review now.", subtle: true));
        }

        body.Add(Text("The National Panel is given the name of the appointed reviewer(s). Tell them, then record the date here.", subtle: true));
        body.Add(DateInput(DateInput, "Date the National Panel was told", Iso(view.Case.Today), required: true, max: view.Case.Today));
        return TaskCard.Build(view, facts, body,
            [Execute("Told the National Panel", NationalPanelVerb, TaskCard.Data(view), style: "positive")],
            "The toolkit, after a decision to hold an SCR (D8)", confidential: false);
    }

    /// <summary>The Board Manager records the Review Team: each key organisation and the manager of sufficient seniority who represents it.</summary>
    public static JsonObject ReviewTeam(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var agencies = state.ChosenAgencies.Concat(state.PartnersSentChildDetails).Concat(state.Invitations.Select(i => i.Agency).OfType<AgencyId>())
            .Distinct().Select(view.Case.AgencyName).ToList();
        var facts = new List<(string, string)> { ("Review", Capital(ReviewWords.Of(state))) };
        if (agencies.Count > 0)
        {
            facts.Add(("Agencies involved", string.Join(", ", agencies)));
        }

        return TaskCard.Build(view, facts,
            [
                Text($"Agree who forms the Review Team of {ReviewWords.Of(state)}: the key organisations involved in the case, each represented by a manager of sufficient seniority.", subtle: true),
                TextInput(MembersInput, "Organisations and their managers, one a line: organisation, manager", "", 4000, required: true, multiline: true),
                Toggle(SeniorityInput, "Seniority", "Each organisation is represented by a manager of sufficient seniority", "false"),
            ],
            [Execute("Record the Review Team", ReviewTeamVerb, TaskCard.Data(view), style: "positive")],
            "The flow chart, once the review is decided", confidential: false);
    }

    /// <summary>The Board Manager records the Case Team: the staff and managers directly involved, and family members (identifying).</summary>
    public static JsonObject CaseTeam(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var facts = new List<(string, string)> { ("Review", Capital(ReviewWords.Of(state))), ("Child", state.Form?.Child.Name ?? "") };
        if (state.Recommendation?.Family is { } family)
        {
            facts.Add(("Family members the panel decided to involve", family.Members));
        }

        return TaskCard.Build(view, facts,
            [
                Text($"Identify the Case Team of {ReviewWords.Of(state)}: the staff and managers who were directly involved in the case, and family members.", subtle: true),
                TextInput(StaffInput, "Staff and managers directly involved, one a line: name, organisation, role", "", 4000, required: true, multiline: true),
                TextInput(FamilyInput, "Family members, one a line: name, relationship", "", 2000, multiline: true),
            ],
            [Execute("Record the Case Team", CaseTeamVerb, TaskCard.Data(view), style: "positive")],
            "The flow chart, once the review is decided", confidential: true);
    }

    /// <summary>The reviewers of the board's directory (of the case's boards), who use ScrBot.</summary>
    public static IReadOnlyList<BoardMember> DirectoryReviewers(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new[] { view.State.LeadBoard }.Concat(view.State.CooperatingBoards)
            .Select(view.Directory.Find).OfType<Board>().SelectMany(b => b.Members)
            .Where(m => m.Role == Role.IndependentReviewer).DistinctBy(m => m.Person).ToList();
    }

    public static IReadOnlyList<ReviewerSource> Sources { get; } = Enum.GetValues<ReviewerSource>();

    public static string SourceWords(ReviewerSource source) => source switch
    {
        ReviewerSource.NationalPanelList => "The National Panel's list of accredited reviewers",
        ReviewerSource.AnotherLocalAuthority => "Recommended by another local authority",
        _ => "Elsewhere",
    };

    /// <summary>"Relevant training and experience checked, references or previous work reviewed, the lead reviewer's independence from the case confirmed".</summary>
    public static string ChecksWords(ReviewerChecks checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var done = new List<string>();
        if (checks.Training)
        {
            done.Add("relevant training checked");
        }

        if (checks.Experience)
        {
            done.Add("experience checked");
        }

        if (checks.ReferencesOrPreviousWork)
        {
            done.Add("references or previous work reviewed");
        }

        if (checks.Independence)
        {
            done.Add("the lead reviewer's independence from the case confirmed");
        }

        return done.Count == 0 ? "None recorded" : Capital(Refusals.Both(done));
    }

    /// <summary>What became of one recommendation, in a line.</summary>
    public static string RoundWords(ReviewerRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var names = CaseCommands.ReviewerNames(round);
        if (round.Replaced is { } replaced)
        {
            return $"{names}: appointed on {Words.Date(round.AppointedAt!.Value)}, replaced on {Words.Date(replaced.At)} by {replaced.By.Name}: {replaced.Reason}";
        }

        if (round.AppointedAt is { } appointed)
        {
            return $"{names}: appointed on {Words.Date(appointed)}";
        }

        if (round.Declined)
        {
            var (role, answer) = round.Chair is { Agreed: false } ? (Role.IndependentChair, round.Chair) : (Role.DirectorOfChildrensServices, round.Director!);
            return $"{names}: {ReviewerSteps.AnswerWords(role, answer)}";
        }

        return $"{names}: waiting for the Independent Chair and the Director of Children's Services";
    }

    private static string ReviewerWords(ProposedReviewer reviewer) =>
        reviewer.Person is null ? $"{reviewer.Name} (does not use ScrBot: the Board Manager records their steps)" : $"{reviewer.Name} (gets their cards in Teams)";

    private static string Capital(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}
