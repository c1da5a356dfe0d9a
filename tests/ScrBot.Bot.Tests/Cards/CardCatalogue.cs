using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Cards;

/// <summary>One card the referral journey can send, by name, and whether its picture goes in the README.</summary>
internal sealed record CatalogueCard(string Name, JsonObject Card, bool Picture = false);

/// <summary>
/// Every card the referral journey can send: each form section empty, filled, with errors and with the longest
/// answers; the review; the acknowledgement with advice; the triage card; the Chairs' notice; the channel notice;
/// the status card; the resume/discard prompt; and the cards a closed form becomes.
/// </summary>
internal static class CardCatalogue
{
    /// <summary>
    /// Short answers (names, relationships, addresses) in characters that the sender's JSON encoding makes as long as
    /// it can (non-ASCII and HTML-sensitive characters are written as \uXXXX escapes, six characters each).
    /// </summary>
    private const string Heavy = "Ünïcödé ‘quote’ & <b> — ";

    /// <summary>Long answers as people write them: English prose with apostrophes, dashes and accented names.</summary>
    private const string Prose =
        "The child's mother said she'd asked the GP for help twice, and the school's records show Zoë missed 14 days in the autumn term. " +
        "Neighbours reported shouting on 3 occasions; police attended once — no referral was made to children's social care. ";

    public static BoardDirectory Directory => ReferralSamples.Directory;

    public static IReadOnlyList<CatalogueCard> All()
    {
        var cards = new List<CatalogueCard>();
        var filled = ReferralSamples.FilledDraft();
        var fresh = FormDraft.Start(ReferralSamples.Referrer.Id, "draft-new", ReferralSamples.Now, new Dictionary<string, string>
        {
            [FormFields.ReferrerName] = ReferralSamples.Referrer.Name,
        });

        foreach (var section in FormSections.All)
        {
            var slug = $"form-{(int)section}-{Slug(section)}";
            var emptyDraft = fresh with { Section = section, SectionsPassed = (int)section - 1 };
            cards.Add(new($"{slug}-empty", Section(emptyDraft, section, FormErrors.None), Picture: section == FormSection.Referrer));
            cards.Add(new($"{slug}-filled", Section(filled with { Section = section, SectionsPassed = (int)section - 1 }, section, FormErrors.None),
                Picture: section is FormSection.Child or FormSection.SignificantOthers or FormSection.AgenciesAndBoards or FormSection.ParallelProcesses));

            var (wrongDraft, wrongErrors) = WithErrors(filled, section);
            cards.Add(new($"{slug}-errors", Section(wrongDraft, section, wrongErrors), Picture: section is FormSection.Child or FormSection.Incident));

            var longest = Longest(filled, section);
            var longestErrors = FormCheck.Check(longest, Directory, ReferralSamples.Today, FormSections.All.ToList()).Errors;
            cards.Add(new($"{slug}-longest", Section(longest, section, longestErrors)));
        }

        var most = filled with { SignificantOtherRows = FormDraft.MaxSignificantOtherRows };
        cards.Add(new("form-4-significant-others-most-rows", Section(Longest(most, FormSection.SignificantOthers), FormSection.SignificantOthers, FormErrors.None)));

        var form = FormCheck.CheckAll(filled, Directory, ReferralSamples.Today).Form;
        cards.Add(new("review", ReviewCard.Build(filled, form, Directory), Picture: true));
        var longForm = LongestForm();
        cards.Add(new("review-longest", ReviewCard.Build(LongestDraft(), longForm, Directory)));

        foreach (var (name, example) in WorkedExamples(form))
        {
            var referral = Referred(example, new CaseReference(2026, 7));
            cards.Add(new($"acknowledgement-{name}", AcknowledgementCard.Build(referral.Reference, example, CriteriaAssessment.Assess(example), referral.At,
                Directory, WorkingDayCalendar.EnglandAndWales), Picture: name == "death-with-suspected-neglect"));
        }

        var referred = Referred(form, new CaseReference(2026, 7));
        var advice = CriteriaAssessment.Assess(form);
        var duplicates = new[] { new PossibleDuplicate(new CaseReference(2026, 3), "the same name and date of birth (Saturday 14 May 2016)", ReferralSamples.Now.AddDays(-30)) };
        var chairs = new[] { ReferralSamples.IndependentChair, ReferralSamples.SubgroupChair };
        cards.Add(new("triage", TriageCard.Build(referred, advice, duplicates, chairs, Directory), Picture: true));
        var longReferral = Referred(longForm, new CaseReference(2026, 8));
        cards.Add(new("triage-longest", TriageCard.Build(longReferral, CriteriaAssessment.Assess(longForm), duplicates, [], Directory)));
        var n = 0;
        foreach (var (card, _) in FullTextCard.Messages(longReferral.Reference, longForm, Directory))
        {
            cards.Add(new($"triage-longest-in-full-{++n:D2}", card));
        }

        cards.Add(new("chairs-notice", ChairsNoticeCard.Build(referred, advice, Role.IndependentChair, Directory), Picture: true));
        cards.Add(new("channel-notice", ChannelNoticeCard.Build(referred.Reference, referred.At, advice.SeriousCaseReview), Picture: true));
        cards.Add(new("case-status", Status(referred), Picture: true));
        cards.Add(new("case-lookup", CaseLookupCard.Build()));
        cards.AddRange(Nudges(referred));
        cards.Add(new("case-lookup-error", CaseLookupCard.Build("SCR-26-7", CaseLookupCard.NotAReference("SCR-26-7"))));
        cards.Add(new("resume-draft", ResumeDraftCard.Build(filled with { Section = FormSection.Incident }), Picture: true));
        cards.Add(new("draft-discarded", ReferralClosedCard.Discarded(ReferralSamples.Now)));
        cards.Add(new("form-closed", ReferralClosedCard.NoLongerOpen()));
        cards.Add(new("form-being-sent", ReferralClosedCard.BeingSent("draft-1")));
        var yos = form with { Referrer = form.Referrer with { Source = ReferralSource.YouthOffendingSeriousIncident, Agency = new AgencyId("staffs-yos") } };
        var yosReferral = Referred(yos, new CaseReference(2026, 9));
        cards.Add(new("triage-for-information", TriageCard.Build(yosReferral, CriteriaAssessment.Assess(yos), [], [], Directory)));
        cards.Add(new("acknowledgement-for-information", AcknowledgementCard.Build(yosReferral.Reference, yos, CriteriaAssessment.Assess(yos), yosReferral.At,
            Directory, WorkingDayCalendar.EnglandAndWales)));
        cards.Add(new("referral-reached", ReferralReachedCard.Build(referred.Reference, [ReferralSamples.BoardManager.Name], "Staffordshire Safeguarding Children Board")));
        cards.Add(new("unreachable", UnreachableCard.Build(new ScrBot.Bot.Delivery.HeldCard(
            ReferralSamples.IndependentChair.Id.Value, $"triage:{referred.Reference}:chair-IndependentChair", "triage", "staffordshire", referred.Reference.Value,
            ReferralSamples.IndependentChair.Name, "the notice of a new referral",
            "They have not opened ScrBot in Teams. ScrBot cannot install itself for people here because Microsoft Graph is not configured.",
            ReferralSamples.Now), "adelev@board.example"), Picture: true));
        cards.AddRange(StageCardCatalogue.All());
        return cards;
    }

    /// <summary>The four worked examples of the criteria (process.md), as forms.</summary>
    public static IReadOnlyList<(string Name, NotificationForm Form)> WorkedExamples(NotificationForm basis) =>
    [
        ("death-with-suspected-neglect", basis with
        {
            Incident = basis.Incident with { Kind = IncidentKind.Died, AbuseOrNeglect = AbuseOrNeglect.Suspected },
        }),
        ("serious-harm-with-concerns", basis with
        {
            Incident = basis.Incident with { Kind = IncidentKind.SeriouslyHarmed, AbuseOrNeglect = AbuseOrNeglect.Known, InterAgencyConcern = InterAgencyConcern.Concerns },
        }),
        ("serious-harm-no-concerns", basis with
        {
            Incident = basis.Incident with
            {
                Kind = IncidentKind.SeriouslyHarmed,
                AbuseOrNeglect = AbuseOrNeglect.Known,
                InterAgencyConcern = InterAgencyConcern.DefinitiveEvidenceOfNoConcerns,
                InterAgencyConcernDetails = null,
            },
        }),
        ("looked-after-death-no-abuse", basis with
        {
            Child = basis.Child with { LookedAfter = true, ResponsibleAuthority = "Staffordshire County Council" },
            Incident = basis.Incident with
            {
                Kind = IncidentKind.Died,
                AbuseOrNeglect = AbuseOrNeglect.NotSuspected,
                InterAgencyConcern = InterAgencyConcern.NotKnown,
                InterAgencyConcernDetails = null,
            },
        }),
    ];

    public static CaseReferred Referred(NotificationForm form, CaseReference reference)
    {
        var context = new CommandContext(ReferralSamples.Referrer, ReferralSamples.Now, Directory);
        var outcome = CaseCommands.Refer(reference, form, context);
        Assert.False(outcome.IsRefused, outcome.Explanation);
        return outcome.Facts.OfType<CaseReferred>().Single();
    }

    public static JsonObject Section(FormDraft draft, FormSection section, FormErrors errors, string? banner = null)
    {
        var view = new FormSectionView(draft, Directory, errors, ReferralSamples.Today, banner);
        return section switch
        {
            FormSection.Referrer => ReferrerSectionCard.Build(view),
            FormSection.Child => ChildSectionCard.Build(view),
            FormSection.Incident => IncidentSectionCard.Build(view),
            FormSection.SignificantOthers => SignificantOthersSectionCard.Build(view),
            FormSection.AgenciesAndBoards => AgenciesSectionCard.Build(view),
            _ => ParallelProcessesSectionCard.Build(view),
        };
    }

    /// <summary>A section answered wrongly in the ways the toolkit's rules catch, and the errors that follow.</summary>
    public static (FormDraft Draft, FormErrors Errors) WithErrors(FormDraft filled, FormSection section)
    {
        var answers = ReferralSamples.Answers();
        var sent = answers[section];
        switch (section)
        {
            case FormSection.Referrer:
                sent.Remove(FormFields.ReferrerRole);
                sent.Remove(FormFields.ReferrerContact);
                sent[FormFields.SeniorLeadsAware] = "false";
                sent[FormFields.ReferrerAgency] = FormFields.OtherAgencyChoice;
                break;
            case FormSection.Child:
                sent[FormFields.ChildDateOfBirth] = "2027-01-04";
                sent.Remove(FormFields.ChildGender);
                sent[FormFields.ChildLookedAfter] = "yes";
                sent[FormFields.ChildApproximateAge] = "seven";
                break;
            case FormSection.Incident:
                sent[FormFields.IncidentDate] = "2016-01-10";
                sent[FormFields.IncidentDateAware] = "2015-12-01";
                sent.Remove(FormFields.IncidentDescription);
                break;
            case FormSection.SignificantOthers:
                sent[InputIds.SignificantOther(0, FormFields.SignificantOtherDateOfBirth)] = "31/02/1990";
                sent.Remove(InputIds.SignificantOther(0, FormFields.SignificantOtherRelationship));
                break;
            case FormSection.AgenciesAndBoards:
                sent[FormFields.OtherBoardsInvolved] = "staffordshire";
                sent[InputIds.OtherAgenciesInvolved] = "St Mary's Primary School\n" + new string('x', FormLimits.AgencyName + 5);
                break;
            case FormSection.ParallelProcesses:
                sent.Remove(FormFields.SeniorInvestigatingOfficer);
                break;
        }

        var draft = filled.WithSection(section, sent) with { Section = section };
        var errors = FormCheck.Check(draft, Directory, ReferralSamples.Today, FormSections.All.ToList()).Errors.Only(section);
        Assert.True(errors.Any, $"the wrong answers in {section} produce errors");
        return (draft, errors);
    }

    /// <summary>The draft with every text input of the section at the longest its card allows, in the heaviest characters.</summary>
    public static FormDraft Longest(FormDraft filled, FormSection section)
    {
        var card = Section(filled, section, FormErrors.None);
        var sent = new Dictionary<string, string>(filled.Answers.Where(a => FormSections.Of(a.Key) == section).ToDictionary(a => a.Key, a => a.Value), StringComparer.Ordinal);
        foreach (var input in Inputs(card).Where(i => i["type"]!.GetValue<string>() == "Input.Text"))
        {
            var max = input["maxLength"]!.GetValue<int>();
            var id = input["id"]!.GetValue<string>();
            sent[id] = Fill(max, oneALine: id is FormFields.ChildOtherNames or InputIds.OtherAgenciesInvolved);
        }

        return filled.WithSection(section, sent) with { Section = section };
    }

    public static FormDraft LongestDraft()
    {
        var draft = ReferralSamples.FilledDraft() with { SignificantOtherRows = FormDraft.MaxSignificantOtherRows };
        foreach (var section in FormSections.All)
        {
            draft = Longest(draft, section);
        }

        return draft with { Section = FormSection.ParallelProcesses };
    }

    /// <summary>A valid form with every answer at its longest.</summary>
    public static NotificationForm LongestForm()
    {
        var draft = LongestDraft();
        var result = FormCheck.CheckAll(draft, Directory, ReferralSamples.Today);

        // The longest other names and other agencies are lines of the longest names: within the rules, one a line.
        Assert.False(result.Errors.Any, string.Join(" ", result.Errors.ByInput.Select(e => $"{e.Key}: {e.Value}")));
        return result.Form;
    }

    public static IEnumerable<JsonObject> Inputs(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is { } t && t.StartsWith("Input.", StringComparison.Ordinal) => [o],
        JsonObject o => o.SelectMany(p => Inputs(p.Value)),
        JsonArray a => a.SelectMany(Inputs),
        _ => [],
    };

    /// <summary>A deadline nudge as the Board Manager gets it, and the board channel's daily reminder.</summary>
    private static IEnumerable<CatalogueCard> Nudges(CaseReferred referred)
    {
        var obligations = ObligationRules.Derive([referred], ProcessProfile.Toolkit, WorkingDayCalendar.EnglandAndWales, ReferralSamples.Today);
        var chairsToBeTold = obligations.Single(o => o.Code == ObligationCode.D2);
        yield return new("nudge", ScrBot.Bot.Nudges.NudgeCards.Nudge(referred.Reference, chairsToBeTold, ReferralSamples.Today, WorkingDayCalendar.EnglandAndWales), Picture: true);
        var lines = obligations
            .Select(o => new ScrBot.Bot.Nudges.NudgeCards.ReminderLine(referred.Reference, o.Code, o.Title, o.DueOn, o.Owner, o.Status == ObligationStatus.Overdue))
            .ToList();
        yield return new("channel-reminder", ScrBot.Bot.Nudges.NudgeCards.BoardReminder("Staffordshire Safeguarding Children Board", lines,
            ReferralSamples.Today, WorkingDayCalendar.EnglandAndWales, 2), Picture: true);
    }

    private static JsonObject Status(CaseReferred referred)
    {
        var informed = new ChairsInformed([ReferralSamples.IndependentChair, ReferralSamples.SubgroupChair])
        {
            At = referred.At.AddMinutes(1),
            By = ReferralSamples.BoardManager,
        };
        CaseEvent[] facts = [referred, informed];
        var state = CaseState.Fold(facts);
        var open = ObligationRules.Derive(facts, ProcessProfile.Toolkit, WorkingDayCalendar.EnglandAndWales, ReferralSamples.Today)
            .Where(o => o.IsOutstanding)
            .Select(o => new OpenObligation(o.Code.ToString(), o.Title, o.DueOn, o.Owner))
            .ToList();
        return CaseStatusCard.Build(state, facts, open, Directory, ReferralSamples.Today, WorkingDayCalendar.EnglandAndWales);
    }

    /// <summary>
    /// Text of (nearly) <paramref name="length"/> characters: for the inputs that take one name a line, lines no longer
    /// than a name; else one run of words.
    /// </summary>
    private static string Fill(int length, bool oneALine)
    {
        if (!oneALine)
        {
            return length > FormLimits.Address ? Repeat(length, Prose) : Repeat(length);
        }

        var text = new System.Text.StringBuilder(Repeat(FormLimits.Name));
        while (length - text.Length >= 2)
        {
            text.Append('\n').Append(Repeat(Math.Min(FormLimits.Name, length - text.Length)));
        }

        return text.ToString();
    }

    private static string Repeat(int length, string pattern = Heavy)
    {
        var text = string.Concat(Enumerable.Repeat(pattern, (length / pattern.Length) + 1))[..length];
        return text.Length > 0 && char.IsWhiteSpace(text[^1]) ? text[..^1] + "x" : text;
    }

    private static string Slug(FormSection section) => section switch
    {
        FormSection.Referrer => "referrer",
        FormSection.Child => "child",
        FormSection.Incident => "incident",
        FormSection.SignificantOthers => "significant-others",
        FormSection.AgenciesAndBoards => "agencies",
        _ => "parallel-processes",
    };

    private static string Slug(string title) =>
        string.Join("-", title.ToLowerInvariant().Split([' ', ':', ','], StringSplitOptions.RemoveEmptyEntries));
}
