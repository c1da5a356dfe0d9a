using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Referral;

/// <summary>
/// The ids of the form cards' inputs. Where an input holds one field of the form its id is that field's
/// <see cref="FormFields"/> key, so that an error about the field lands beside its input.
/// </summary>
public static class InputIds
{
    public const string ReferralSource = "referrer.source";

    public const string SignificantOthers = "significantOthers";

    /// <summary>The board's agencies that were involved, chosen from a list (several, comma separated).</summary>
    public const string AgenciesInvolved = FormFields.AgenciesInvolved;

    /// <summary>Other agencies involved, one per line.</summary>
    public const string OtherAgenciesInvolved = "agenciesInvolved.other";

    public const string DomesticHomicideReview = "parallel.domesticHomicideReview";
    public const string ChildDeathReview = "parallel.childDeathReview";
    public const string YouthOffendingSeriousIncident = "parallel.youthOffendingSeriousIncident";
    public const string Coroner = "parallel.coroner";
    public const string Disciplinary = "parallel.disciplinary";
    public const string FamilyCourt = "parallel.familyCourt";

    /// <summary>On the review card: the section the user wants to change.</summary>
    public const string GoToSection = "goToSection";

    public static string SignificantOther(int row, string field) => FormFields.Indexed(SignificantOthers, row, field);

    /// <summary>The inputs each section's card sends back (significant others by row, up to <paramref name="rows"/>).</summary>
    public static IReadOnlyList<string> Of(FormSection section, int rows) => section switch
    {
        FormSection.Referrer =>
        [
            FormFields.Board, FormFields.ReferrerName, FormFields.ReferrerRole, FormFields.ReferrerAgency, FormFields.ReferrerOtherAgency,
            FormFields.ReferrerContact, FormFields.SeniorLeadsAware, ReferralSource,
        ],
        FormSection.Child =>
        [
            FormFields.ChildName, FormFields.ChildOtherNames, FormFields.ChildDateOfBirth, FormFields.ChildApproximateAge, FormFields.ChildGender,
            FormFields.ChildAddress, FormFields.ChildEthnicity, FormFields.ChildLookedAfter, FormFields.ChildResponsibleAuthority, FormFields.ChildHomeBoard, FormFields.ChildResponsibleAuthorityBoard,
            FormFields.ChildProtectionPlan, FormFields.ChildInRegulatedSetting, FormFields.ChildCustody,
        ],
        FormSection.Incident =>
        [
            FormFields.IncidentKind, FormFields.IncidentDate, FormFields.IncidentDateAware, FormFields.IncidentDateChildrensSocialCareAware, FormFields.IncidentAbuseOrNeglect,
            FormFields.IncidentDescription, FormFields.IncidentInterAgencyConcern, FormFields.IncidentInterAgencyConcernDetails,
        ],
        FormSection.SignificantOthers =>
        [
            .. Enumerable.Range(0, rows).SelectMany(r => new[]
            {
                SignificantOther(r, FormFields.SignificantOtherName),
                SignificantOther(r, FormFields.SignificantOtherRelationship),
                SignificantOther(r, FormFields.SignificantOtherDateOfBirth),
            }),
        ],
        FormSection.AgenciesAndBoards => [AgenciesInvolved, OtherAgenciesInvolved, FormFields.OtherBoardsInvolved],
        FormSection.ParallelProcesses =>
        [
            FormFields.CriminalInvestigation, FormFields.SeniorInvestigatingOfficer, DomesticHomicideReview, ChildDeathReview,
            YouthOffendingSeriousIncident, Coroner, Disciplinary, FamilyCourt, FormFields.ParallelDetails,
        ],
        _ => [],
    };
}
