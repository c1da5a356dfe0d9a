using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Cards;

/// <summary>The roles of the review process as the toolkit names them.</summary>
public static class RoleNames
{
    public static string Of(Role role) => role switch
    {
        Role.Referrer => "Referrer",
        Role.BoardManager => "Board Manager",
        Role.SubgroupChair => "Sub-group Chair",
        Role.SubgroupViceChair => "Sub-group Vice-Chair",
        Role.IndependentChair => "Independent Chair",
        Role.AgencyRepresentative => "agency representative",
        Role.PanelMember => "panel member",
        Role.MinuteTaker => "minute taker",
        Role.IndependentReviewer => "independent reviewer",
        Role.EducationSafeguardingOfficer => "Education Safeguarding Officer",
        Role.NotifyingOfficer => "officer named to notify Ofsted",
        Role.CooperatingBoardManager => "Board Manager of a cooperating board",
        Role.AgencyScrLead => "agency SCR lead",
        Role.AgencyLeadBoardMember => "agency lead board member",
        Role.SeniorInvestigatingOfficer => "Senior Investigating Officer",
        Role.DirectorOfChildrensServices => "Director of Children's Services",
        _ => role.ToString(),
    };
}

/// <summary>The words the cards use for the form's answers and the case's facts: plain English, the toolkit's terms.</summary>
public static class Words
{
    public const string Confidential = "Confidential — shared with the people on this case only.";

    public const string DraftConfidential = "Confidential — this draft is seen by you only. Once sent, it is shared with the people on this case only.";

    public const string AdviceOnly = "Advice only: the decision stays with the sub-group and the Independent Chair.";

    /// <summary>
    /// An answer typed on several lines (an address), its lines kept apart on a card: Teams joins lines that a single
    /// line break separates, so each line is its own paragraph.
    /// </summary>
    public static string Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join("\n\n", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public static string Date(DateOnly date) => HumanDates.Format(date);

    public static string Date(DateTimeOffset instant) => HumanDates.Format(LondonTime.DateOf(instant));

    public static string DateAndTime(DateTimeOffset instant) => HumanDates.Format(instant);

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static string Of(ReferralSource source) => source switch
    {
        ReferralSource.Agency => "A partner agency",
        ReferralSource.ChildDeathOverviewPanel => "The Child Death Overview Panel (CDOP)",
        ReferralSource.DomesticHomicideReview => "A Domestic Homicide Review",
        ReferralSource.YouthOffendingSeriousIncident => "A Youth Offending Service serious incident (for information only)",
        _ => source.ToString(),
    };

    public static string Of(Gender gender) => gender switch
    {
        Gender.Female => "Female",
        Gender.Male => "Male",
        Gender.Other => "Other",
        Gender.NotKnown => "Not known",
        _ => gender.ToString(),
    };

    public static string Of(ChildProtectionPlan plan) => plan switch
    {
        ChildProtectionPlan.Never => "No, never",
        ChildProtectionPlan.Current => "Yes, now",
        ChildProtectionPlan.Previous => "Yes, in the past",
        ChildProtectionPlan.NotKnown => "Not known",
        _ => plan.ToString(),
    };

    public static string Of(CustodyStatus custody) => custody switch
    {
        CustodyStatus.None => "None of these",
        CustodyStatus.InCustody => "In custody: police custody, on remand or sentenced, a Young Offender Institution, a secure training centre or a secure children's home",
        CustodyStatus.DetainedUnderMentalHealthAct => "Detained under the Mental Health Act 1983",
        CustodyStatus.DeprivationOfLibertyOrderAged16Or17 => "Aged 16 or 17 and subject to a deprivation of liberty order (Mental Capacity Act 2005)",
        _ => custody.ToString(),
    };

    public static string Of(ReviewMethodology methodology) => methodology switch
    {
        ReviewMethodology.Scie => "the SCIE systems model",
        ReviewMethodology.Silp => "Significant Incident Learning Process (SILP)",
        ReviewMethodology.RootCauseAnalysis => "Root Cause Analysis",
        ReviewMethodology.ChildPracticeReview => "a Child Practice Review",
        ReviewMethodology.OtherSystemsApproach => "another systems approach",
        _ => methodology.ToString(),
    };

    public static string Of(IncidentKind kind) => kind switch
    {
        IncidentKind.Died => "The child died",
        IncidentKind.SuspectedSuicide => "The child died (suspected suicide)",
        IncidentKind.SeriouslyHarmed => "The child was seriously harmed",
        IncidentKind.Other => "Something else",
        _ => kind.ToString(),
    };

    public static string Of(AbuseOrNeglect value) => value switch
    {
        AbuseOrNeglect.Known => "Known",
        AbuseOrNeglect.Suspected => "Suspected",
        AbuseOrNeglect.NotSuspected => "Neither known nor suspected",
        _ => value.ToString(),
    };

    public static string Of(InterAgencyConcern value) => value switch
    {
        InterAgencyConcern.Concerns => "Yes: there is cause for concern about how agencies worked together",
        InterAgencyConcern.NotKnown => "Not known yet",
        InterAgencyConcern.DefinitiveEvidenceOfNoConcerns => "No: there is definitive evidence of no concerns",
        _ => value.ToString(),
    };

    public static string Of(CriteriaVerdict verdict) => verdict switch
    {
        CriteriaVerdict.Met => "SCR criteria met",
        CriteriaVerdict.NotMet => "SCR criteria not met",
        CriteriaVerdict.Unclear => "SCR criteria unclear: for the sub-group to judge",
        _ => verdict.ToString(),
    };

    public static string Notifiable(bool notifiable) => notifiable ? "A notifiable serious child care incident" : "Not a notifiable incident";

    public static string Of(Stage stage) => stage switch
    {
        Stage.Referral => "1 of 10 · Referral",
        Stage.Triage => "2 of 10 · Triage by the Board Manager",
        Stage.SubgroupDecision => "3 of 10 · Sub-group decision",
        Stage.PreparingScopingPanel => "4 of 10 · Preparing the Scoping Panel",
        Stage.ScopingPanel => "5 of 10 · Scoping Panel",
        Stage.IndependentChairDecision => "6 of 10 · Independent Chair's decision",
        Stage.AfterDecision => "7 of 10 · After the decision",
        Stage.Review => "8 of 10 · The review",
        Stage.ReportAndPublication => "9 of 10 · Report and publication",
        Stage.ActionPlan => "10 of 10 · Action plan",
        Stage.Closed => "Closed",
        _ => stage.ToString(),
    };

    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
