namespace ScrBot.Domain.Referral;

/// <summary>
/// The stable keys of the notification form's fields. A <see cref="Cases.Refusal.Field"/> about the form holds one of
/// these, so that a card can show the reason beside the field it concerns; the reason itself names the field in words.
/// A key with an index (e.g. <c>significantOthers[1].name</c>) is built with <see cref="Indexed"/>.
/// </summary>
public static class FormFields
{
    public const string ReferrerName = "referrer.name";
    public const string ReferrerRole = "referrer.role";
    public const string ReferrerAgency = "referrer.agency";
    public const string ReferrerOtherAgency = "referrer.otherAgencyName";
    public const string ReferrerContact = "referrer.contact";
    public const string SeniorLeadsAware = "referrer.seniorLeadsAware";
    public const string Board = "referrer.board";

    public const string ChildName = "child.name";
    public const string ChildOtherNames = "child.otherNames";
    public const string ChildDateOfBirth = "child.dateOfBirth";
    public const string ChildApproximateAge = "child.approximateAgeYears";
    public const string ChildGender = "child.gender";
    public const string ChildAddress = "child.address";
    public const string ChildEthnicity = "child.ethnicity";
    public const string ChildLookedAfter = "child.lookedAfter";
    public const string ChildResponsibleAuthority = "child.responsibleAuthority";
    public const string ChildProtectionPlan = "child.childProtectionPlan";
    public const string ChildInRegulatedSetting = "child.inRegulatedSetting";
    public const string ChildCustody = "child.custody";

    public const string IncidentKind = "incident.kind";
    public const string IncidentDate = "incident.date";
    public const string IncidentDateAware = "incident.dateAgencyBecameAware";
    public const string ChildHomeBoard = "child.homeBoard";
    public const string ChildResponsibleAuthorityBoard = "child.responsibleAuthorityBoard";

    /// <summary>The choice for a home area or local authority that is not one of the deployment's boards.</summary>
    public const string ElsewhereChoice = "elsewhere";

    public const string IncidentDateChildrensSocialCareAware = "incident.dateChildrensSocialCareAware";
    public const string IncidentAbuseOrNeglect = "incident.abuseOrNeglect";
    public const string IncidentDescription = "incident.description";
    public const string IncidentInterAgencyConcern = "incident.interAgencyConcern";
    public const string IncidentInterAgencyConcernDetails = "incident.interAgencyConcernDetails";

    public const string SignificantOtherName = "name";
    public const string SignificantOtherRelationship = "relationship";
    public const string SignificantOtherDateOfBirth = "dateOfBirth";

    public const string AgenciesInvolved = "agenciesInvolved";
    public const string AgencyInvolvementAgency = "agency";
    public const string AgencyInvolvementOtherName = "otherAgencyName";
    public const string AgencyInvolvementDetails = "involvement";

    /// <summary>The choice value a card sends for "another agency, named below" (the agency id <c>other</c>).</summary>
    public const string OtherAgencyChoice = "other";
    public const string OtherBoardsInvolved = "otherBoardsInvolved";

    public const string CriminalInvestigation = "parallel.criminalInvestigation";
    public const string SeniorInvestigatingOfficer = "parallel.seniorInvestigatingOfficerContact";
    public const string ParallelDetails = "parallel.details";

    public static string Indexed(string collection, int index, string field) => $"{collection}[{index}].{field}";
}
