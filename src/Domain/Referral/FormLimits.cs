namespace ScrBot.Domain.Referral;

/// <summary>
/// The size limits of the notification form, in one place: the rules refuse longer input, and the cards use the same
/// numbers as their inputs' <c>maxLength</c>.
/// </summary>
public static class FormLimits
{
    /// <summary>A person's name: the referrer, the child, another name, a significant other.</summary>
    public const int Name = 200;

    /// <summary>The referrer's job title.</summary>
    public const int Role = 200;

    /// <summary>The referrer's contact details (an email address or telephone number).</summary>
    public const int Contact = 320;

    /// <summary>The name of an agency that is not one of the board's agencies.</summary>
    public const int AgencyName = 200;

    /// <summary>The child's address.</summary>
    public const int Address = 500;

    /// <summary>The child's ethnicity.</summary>
    public const int Ethnicity = 100;

    /// <summary>The local authority responsible for a looked-after child.</summary>
    public const int ResponsibleAuthority = 200;

    /// <summary>A significant other's relationship to the child.</summary>
    public const int Relationship = 100;

    /// <summary>The Senior Investigating Officer's contact details.</summary>
    public const int SeniorInvestigatingOfficerContact = 500;

    /// <summary>The description of the incident.</summary>
    public const int Description = 4000;

    /// <summary>Any free-text details: concerns about inter-agency working, an agency's involvement, parallel processes.</summary>
    public const int Details = 4000;

    /// <summary>How many other names the child may be known by.</summary>
    public const int MaxOtherNames = 20;

    /// <summary>How many significant others one form may list.</summary>
    public const int MaxSignificantOthers = 50;

    /// <summary>How many agencies one form may list as involved.</summary>
    public const int MaxAgenciesInvolved = 50;

    /// <summary>The oldest approximate age in years: the process concerns children, under 18.</summary>
    public const int MaxApproximateAgeYears = 17;
}
