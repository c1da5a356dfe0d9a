using System.Globalization;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Domain.Referral;

/// <summary>
/// The checks a notification form must pass before a case exists. Every problem is reported at once, each as a
/// <see cref="Refusal"/> whose <see cref="Refusal.Field"/> is the <see cref="FormFields"/> key and whose reason names the
/// field in words.
/// </summary>
public static class NotificationFormRules
{
    public static IReadOnlyList<Refusal> Validate(NotificationForm form, BoardDirectory directory, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(directory);

        var errors = new List<Refusal>();
        var board = CheckReferrer(form.Referrer, directory, errors);
        CheckChild(form.Child, form.Incident, today, errors);
        foreach (var (chosen, field) in new[] { (form.Child.HomeBoard, FormFields.ChildHomeBoard), (form.Child.ResponsibleAuthorityBoard, FormFields.ChildResponsibleAuthorityBoard) })
        {
            if (chosen is { } b && directory.Find(b) is null)
            {
                errors.Add(new Refusal($"Board '{b.Value}' is not one of the boards.", field));
            }
        }

        CheckIncident(form.Incident, form.Child, today, errors);
        CheckSignificantOthers(form.SignificantOthers, today, errors);
        CheckAgenciesInvolved(form.AgenciesInvolved, board, errors);
        CheckOtherBoards(form.OtherBoardsInvolved, form.Referrer.Board, directory, errors);
        CheckParallelProcesses(form.ParallelProcesses, errors);
        return errors;
    }

    /// <summary>A date as a board manager writes it: "3 March 2026".</summary>
    public static string Words(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static Board? CheckReferrer(ReferrerDetails referrer, BoardDirectory directory, List<Refusal> errors)
    {
        Text(referrer.Name, "Referrer's name", FormLimits.Name, FormFields.ReferrerName, errors);
        Text(referrer.Role, "Referrer's role", FormLimits.Role, FormFields.ReferrerRole, errors);
        Text(referrer.Contact, "Referrer's contact details", FormLimits.Contact, FormFields.ReferrerContact, errors);

        Board? board = null;
        if (string.IsNullOrWhiteSpace(referrer.Board.Value))
        {
            errors.Add(new Refusal("Board is required.", FormFields.Board));
        }
        else
        {
            board = directory.Find(referrer.Board);
            if (board is null)
            {
                errors.Add(new Refusal($"Board '{referrer.Board.Value}' is not one of the boards this service works for.", FormFields.Board));
            }
        }

        CheckAgency(
            referrer.Agency,
            referrer.OtherAgencyName,
            board,
            "Referring agency",
            FormFields.ReferrerAgency,
            FormFields.ReferrerOtherAgency,
            errors);

        if (!referrer.SeniorLeadsAware)
        {
            errors.Add(new Refusal(
                "The senior leads of the referring agency must be aware of this referral before it is sent.",
                FormFields.SeniorLeadsAware));
        }

        return board;
    }

    private static void CheckAgency(
        AgencyId? agency,
        string? otherName,
        Board? board,
        string label,
        string agencyField,
        string otherField,
        List<Refusal> errors)
    {
        var isOther = agency is null || string.Equals(agency.Value.Value, FormFields.OtherAgencyChoice, StringComparison.OrdinalIgnoreCase);
        if (agency is null && string.IsNullOrWhiteSpace(otherName))
        {
            errors.Add(new Refusal($"{label} is required.", agencyField));
            return;
        }

        if (agency is { } id && string.IsNullOrWhiteSpace(id.Value))
        {
            errors.Add(new Refusal($"{label} is required.", agencyField));
            return;
        }

        if (isOther)
        {
            if (string.IsNullOrWhiteSpace(otherName))
            {
                errors.Add(new Refusal($"The name of the other agency is required when the {Lower(label)} is 'Other'.", otherField));
            }
            else if (otherName.Trim().Length > FormLimits.AgencyName)
            {
                errors.Add(TooLong("The name of the other agency", FormLimits.AgencyName, otherField));
            }

            return;
        }

        if (board is not null && !board.Agencies.Any(a => a.Id == agency!.Value))
        {
            errors.Add(new Refusal($"Agency '{agency!.Value.Value}' is not one of the board's agencies.", agencyField));
        }
    }

    private static void CheckChild(ChildDetails child, IncidentDetails incident, DateOnly today, List<Refusal> errors)
    {
        Text(child.Name, "Child's name", FormLimits.Name, FormFields.ChildName, errors);

        if (child.OtherNames.Count > FormLimits.MaxOtherNames)
        {
            errors.Add(new Refusal($"Child's other names lists more than {FormLimits.MaxOtherNames} names.", FormFields.ChildOtherNames));
        }

        for (var i = 0; i < child.OtherNames.Count; i++)
        {
            var name = child.OtherNames[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new Refusal($"Child's other name {i + 1} is empty.", FormFields.ChildOtherNames));
            }
            else if (name.Trim().Length > FormLimits.Name)
            {
                errors.Add(TooLong($"Child's other name {i + 1}", FormLimits.Name, FormFields.ChildOtherNames));
            }
        }

        if (child.DateOfBirth is { } dob)
        {
            if (dob > today)
            {
                errors.Add(new Refusal("Date of birth is in the future.", FormFields.ChildDateOfBirth));
            }
            else if (incident.Date != default && incident.Date >= dob && AgeOn(dob, incident.Date) >= 18)
            {
                errors.Add(new Refusal(
                    $"The child was {AgeOn(dob, incident.Date)} on the date of the incident (date of birth {Words(dob)}); a Serious Case Review concerns a child under 18.",
                    FormFields.ChildDateOfBirth));
            }
        }
        else if (child.ApproximateAgeYears is null)
        {
            errors.Add(new Refusal("Date of birth or approximate age is required.", FormFields.ChildDateOfBirth));
        }

        if (child.ApproximateAgeYears is { } age && (age < 0 || age > FormLimits.MaxApproximateAgeYears))
        {
            errors.Add(new Refusal(
                $"Approximate age must be between 0 and {FormLimits.MaxApproximateAgeYears} years (it is {age}).",
                FormFields.ChildApproximateAge));
        }

        Text(child.Address, "Child's address", FormLimits.Address, FormFields.ChildAddress, errors);
        Optional(child.Ethnicity, "Child's ethnicity", FormLimits.Ethnicity, FormFields.ChildEthnicity, errors);

        if (child.LookedAfter && string.IsNullOrWhiteSpace(child.ResponsibleAuthority) && child.ResponsibleAuthorityBoard is null)
        {
            errors.Add(new Refusal("Responsible authority is required when the child is looked after.", FormFields.ChildResponsibleAuthority));
        }
        else
        {
            Optional(child.ResponsibleAuthority, "Responsible authority", FormLimits.ResponsibleAuthority, FormFields.ChildResponsibleAuthority, errors);
        }
    }

    private static void CheckIncident(IncidentDetails incident, ChildDetails child, DateOnly today, List<Refusal> errors)
    {
        var dateGiven = incident.Date != default;
        var awareGiven = incident.DateAgencyBecameAware != default;

        if (!dateGiven)
        {
            errors.Add(new Refusal("Date of the incident is required.", FormFields.IncidentDate));
        }
        else if (incident.Date > today)
        {
            errors.Add(new Refusal("Date of the incident is in the future.", FormFields.IncidentDate));
        }
        else if (child.DateOfBirth is { } dob && incident.Date < dob && dob <= today)
        {
            errors.Add(new Refusal("The incident is dated before the child's date of birth.", FormFields.IncidentDate));
        }

        if (!awareGiven)
        {
            errors.Add(new Refusal("Date the agency became aware is required.", FormFields.IncidentDateAware));
        }
        else if (incident.DateAgencyBecameAware > today)
        {
            errors.Add(new Refusal("Date the agency became aware is in the future.", FormFields.IncidentDateAware));
        }
        else if (dateGiven && incident.Date <= today && incident.DateAgencyBecameAware < incident.Date)
        {
            errors.Add(new Refusal(
                $"The date the agency became aware ({Words(incident.DateAgencyBecameAware)}) is earlier than the incident ({Words(incident.Date)}).",
                FormFields.IncidentDateAware));
        }

        if (incident.DateChildrensSocialCareAware is { } cscAware)
        {
            if (cscAware > today)
            {
                errors.Add(new Refusal("Date children's social care became aware is in the future.", FormFields.IncidentDateChildrensSocialCareAware));
            }
            else if (dateGiven && incident.Date <= today && cscAware < incident.Date)
            {
                errors.Add(new Refusal(
                    $"The date children's social care became aware ({Words(cscAware)}) is earlier than the incident ({Words(incident.Date)}).",
                    FormFields.IncidentDateChildrensSocialCareAware));
            }
        }

        Text(incident.Description, "Description", FormLimits.Description, FormFields.IncidentDescription, errors);

        if (incident.InterAgencyConcern == InterAgencyConcern.Concerns && string.IsNullOrWhiteSpace(incident.InterAgencyConcernDetails))
        {
            errors.Add(new Refusal(
                "Details of the concerns about how the agencies worked together are required when there are concerns.",
                FormFields.IncidentInterAgencyConcernDetails));
        }
        else
        {
            Optional(incident.InterAgencyConcernDetails, "Details of the concerns about how the agencies worked together", FormLimits.Details,
                FormFields.IncidentInterAgencyConcernDetails, errors);
        }
    }

    private static void CheckSignificantOthers(IReadOnlyList<SignificantOther> others, DateOnly today, List<Refusal> errors)
    {
        const string collection = "significantOthers";
        if (others.Count > FormLimits.MaxSignificantOthers)
        {
            errors.Add(new Refusal($"Significant others lists more than {FormLimits.MaxSignificantOthers} people.", collection));
        }

        for (var i = 0; i < others.Count; i++)
        {
            var other = others[i];
            var n = i + 1;
            Text(other.Name, $"Significant other {n}'s name", FormLimits.Name,
                FormFields.Indexed(collection, i, FormFields.SignificantOtherName), errors);
            Text(other.Relationship, $"Significant other {n}'s relationship to the child", FormLimits.Relationship,
                FormFields.Indexed(collection, i, FormFields.SignificantOtherRelationship), errors);
            if (other.DateOfBirth is { } dob && dob > today)
            {
                errors.Add(new Refusal($"Significant other {n}'s date of birth is in the future.",
                    FormFields.Indexed(collection, i, FormFields.SignificantOtherDateOfBirth)));
            }
        }
    }

    private static void CheckAgenciesInvolved(IReadOnlyList<AgencyInvolvement> agencies, Board? board, List<Refusal> errors)
    {
        if (agencies.Count > FormLimits.MaxAgenciesInvolved)
        {
            errors.Add(new Refusal($"Agencies involved lists more than {FormLimits.MaxAgenciesInvolved} agencies.", FormFields.AgenciesInvolved));
        }

        for (var i = 0; i < agencies.Count; i++)
        {
            var involvement = agencies[i];
            var n = i + 1;
            CheckAgency(
                involvement.Agency,
                involvement.OtherAgencyName,
                board,
                $"Involved agency {n}",
                FormFields.Indexed(FormFields.AgenciesInvolved, i, FormFields.AgencyInvolvementAgency),
                FormFields.Indexed(FormFields.AgenciesInvolved, i, FormFields.AgencyInvolvementOtherName),
                errors);
            Optional(involvement.Involvement, $"Involved agency {n}'s involvement", FormLimits.Details,
                FormFields.Indexed(FormFields.AgenciesInvolved, i, FormFields.AgencyInvolvementDetails), errors);
        }
    }

    private static void CheckOtherBoards(IReadOnlyList<BoardId> boards, BoardId lead, BoardDirectory directory, List<Refusal> errors)
    {
        foreach (var other in boards)
        {
            if (string.IsNullOrWhiteSpace(other.Value) || directory.Find(other) is null)
            {
                errors.Add(new Refusal($"Other board '{other.Value}' is not one of the boards this service works for.", FormFields.OtherBoardsInvolved));
            }
            else if (other == lead)
            {
                errors.Add(new Refusal(
                    $"Other boards involved names the referring board '{other.Value}' itself; list only the other boards.",
                    FormFields.OtherBoardsInvolved));
            }
        }
    }

    private static void CheckParallelProcesses(ParallelProcesses parallel, List<Refusal> errors)
    {
        if (parallel.CriminalInvestigation && string.IsNullOrWhiteSpace(parallel.SeniorInvestigatingOfficerContact))
        {
            errors.Add(new Refusal(
                "The Senior Investigating Officer's contact details are required when a criminal investigation is running.",
                FormFields.SeniorInvestigatingOfficer));
        }
        else
        {
            Optional(parallel.SeniorInvestigatingOfficerContact, "The Senior Investigating Officer's contact details",
                FormLimits.SeniorInvestigatingOfficerContact, FormFields.SeniorInvestigatingOfficer, errors);
        }

        Optional(parallel.Details, "Details of parallel processes", FormLimits.Details, FormFields.ParallelDetails, errors);
    }

    internal static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        if (on < dateOfBirth.AddYears(age))
        {
            age--;
        }

        return age;
    }

    private static void Text(string? value, string label, int max, string field, List<Refusal> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new Refusal($"{label} is required.", field));
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(TooLong(label, max, field));
        }
    }

    private static void Optional(string? value, string label, int max, string field, List<Refusal> errors)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors.Add(TooLong(label, max, field));
        }
    }

    private static Refusal TooLong(string label, int max, string field) =>
        new($"{label} is longer than {max.ToString("N0", CultureInfo.InvariantCulture)} characters.", field);

    private static string Lower(string label) => label.Length == 0 ? label : char.ToLowerInvariant(label[0]) + label[1..];
}
