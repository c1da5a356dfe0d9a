using System.Globalization;
using ScrBot.Domain.Boards;

namespace ScrBot.Domain.Cases;

/// <summary>
/// The one way a case command phrases a refusal: who may do it ("Only the Independent Chair can record the Chair's
/// decision."), when it may be done ("The Chair's decision cannot be recorded before the Scoping Panel has made its
/// recommendation (the case is at: Triage)."), and the words for roles, stages and dates that go into them.
/// </summary>
public static class Refusals
{
    public static string NoCase => "There is no case with this reference.";

    /// <summary>"Only the Board Manager or the Sub-group Chair can arrange the sub-group meeting."</summary>
    public static string OnlyWho(IReadOnlyList<string> who, string can) => $"Only {Either(who)} can {can}.";

    /// <summary>"The Chair's decision cannot be recorded before the Scoping Panel has made its recommendation (the case is at: Triage)."</summary>
    public static string NotBefore(string cannot, string before, Stage stage) => $"{cannot} before {before} (the case is at: {StageWords(stage)}).";

    /// <summary>"The Chair's decision cannot be recorded at this stage (the case is at: Review)."</summary>
    public static string NotNow(string cannot, Stage stage) => $"{cannot} at this stage (the case is at: {StageWords(stage)}).";

    /// <summary>"The Chair's decision cannot be recorded because the case is closed."</summary>
    public static string Closed(string cannot) => $"{cannot} because the case is closed.";

    public static string TooLong(string what, int max) => $"{what} is longer than {max.ToString("N0", CultureInfo.InvariantCulture)} characters.";

    public static string RoleWords(Role role) => role switch
    {
        Role.Referrer => "the referrer",
        Role.BoardManager => "the Board Manager",
        Role.SubgroupChair => "the Sub-group Chair",
        Role.SubgroupViceChair => "the Sub-group Vice-Chair",
        Role.IndependentChair => "the Independent Chair",
        Role.AgencyRepresentative => "an agency representative",
        Role.PanelMember => "a panel member",
        Role.MinuteTaker => "the minute taker",
        Role.IndependentReviewer => "the independent reviewer",
        Role.EducationSafeguardingOfficer => "the Education Safeguarding Officer",
        Role.NotifyingOfficer => "an officer named to notify Ofsted",
        Role.CooperatingBoardManager => "the Board Manager of a cooperating board",
        Role.AgencyScrLead => "the agency's SCR lead",
        Role.AgencyLeadBoardMember => "the agency's lead board member",
        Role.SeniorInvestigatingOfficer => "the Senior Investigating Officer",
        Role.DirectorOfChildrensServices => "the Director of Children's Services",
        _ => role.ToString(),
    };

    public static string StageWords(Stage stage) => stage switch
    {
        Stage.Referral => "Referral",
        Stage.Triage => "Triage",
        Stage.SubgroupDecision => "Sub-group decision",
        Stage.PreparingScopingPanel => "Preparing the Scoping Panel",
        Stage.ScopingPanel => "Scoping Panel",
        Stage.IndependentChairDecision => "Independent Chair's decision",
        Stage.AfterDecision => "After the decision",
        Stage.Review => "Review",
        Stage.ReportAndPublication => "Report and publication",
        Stage.ActionPlan => "Action plan",
        Stage.Closed => "Closed",
        _ => stage.ToString(),
    };

    public static string OptionWords(RecommendationOption option) => option switch
    {
        RecommendationOption.FormalSeriousCaseReview => "a formal Serious Case Review",
        RecommendationOption.MultiAgencyLearningReview => "a multi-agency learning review",
        RecommendationOption.SingleAgencyLearningReview => "a single-agency learning review",
        RecommendationOption.OtherAuditActivity => "other audit activity",
        RecommendationOption.ManagedThroughChildDeathOverviewPanel => "management through the Child Death Overview Panel",
        RecommendationOption.NoFurtherAction => "no further action",
        _ => option.ToString(),
    };

    public static string RecipientWords(NotificationRecipient recipient) => recipient switch
    {
        NotificationRecipient.Referrer => "the referrer",
        NotificationRecipient.BoardPartners => "the Board partners",
        NotificationRecipient.NationalPanel => "the National Panel",
        NotificationRecipient.Ofsted => "Ofsted",
        NotificationRecipient.DepartmentForEducation => "the Department for Education",
        NotificationRecipient.DirectorOfChildrensServices => "the Director of Children's Services",
        NotificationRecipient.Inspectorates => "the inspectorates",
        NotificationRecipient.Coroner => "the Coroner",
        NotificationRecipient.CareQualityCommission => "the Care Quality Commission",
        NotificationRecipient.NhsEngland => "NHS England",
        NotificationRecipient.NspccRepository => "the NSPCC national repository",
        NotificationRecipient.NominatedBoards => "the nominated boards",
        NotificationRecipient.AreaTeam => "the local Area Team",
        NotificationRecipient.LegalAdvice => "legal advice",
        NotificationRecipient.Media => "the communications and media arrangement",
        NotificationRecipient.CoronerLetter => "the Sub-group Chair's letter to the Coroner",
        _ => recipient.ToString(),
    };

    /// <summary>A date as people say it: "3 March 2026".</summary>
    public static string DateWords(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Either(IReadOnlyList<string> items) => Join(items, "or");

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Both(IReadOnlyList<string> items) => Join(items, "and");

    private static string Join(IReadOnlyList<string> items, string last) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {last} {items[^1]}",
    };
}
