using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Criteria;

/// <summary>
/// Reads a notification form against the Serious Case Review criteria (Regulation 5(2) of the LSCB Regulations 2006,
/// Working Together 2015 chapter 4) and against the notifiable-incident test. The result is advice with its reasons,
/// written for a board manager; the decision stays with the sub-group and the Independent Chair.
/// </summary>
public static class CriteriaAssessment
{
    public const string SeriouslyHarmedMeaning =
        "'Seriously harmed' includes a potentially life-threatening injury, or serious and/or likely long-term impairment of physical or mental health or of physical, intellectual, emotional, social or behavioural development.";

    public static CriteriaAdvice Assess(NotificationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (verdict, reasons) = SeriousCaseReview(form);
        var (notifiable, notifiableReasons) = Notifiable(form);
        return new CriteriaAdvice(verdict, reasons, notifiable, notifiableReasons);
    }

    /// <summary>
    /// Whether the case is a notifiable serious child care incident, the one test behind D1, D7 and closing a case:
    /// the form shows one, or children's social care recorded that it reported one to Ofsted (which settles it,
    /// whatever the form shows).
    /// </summary>
    public static bool IsNotifiableIncident(NotificationForm? form, DateOnly? reportedToOfstedOn) =>
        reportedToOfstedOn is not null || (form is not null && Assess(form).NotifiableIncident);

    /// <summary>The child's age in whole years on the date of the incident: from the date of birth, else the approximate age.</summary>
    public static int? AgeAtIncident(NotificationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Child.DateOfBirth is { } dob && form.Incident.Date >= dob)
        {
            return NotificationFormRules.AgeOn(dob, form.Incident.Date);
        }

        return form.Child.ApproximateAgeYears;
    }

    private static bool Died(IncidentKind kind) => kind is IncidentKind.Died or IncidentKind.SuspectedSuicide;

    private static bool AbuseOrNeglectKnownOrSuspected(AbuseOrNeglect value) => value is AbuseOrNeglect.Known or AbuseOrNeglect.Suspected;

    private static string AbuseOrNeglectWords(AbuseOrNeglect value) => value == AbuseOrNeglect.Known ? "known" : "suspected";

    private static (CriteriaVerdict, IReadOnlyList<string>) SeriousCaseReview(NotificationForm form)
    {
        var incident = form.Incident;
        var reasons = new List<string>();

        var always = AlwaysReview(form, reasons);
        if (always is not null)
        {
            return (CriteriaVerdict.Met, [always, .. reasons]);
        }

        if (!AbuseOrNeglectKnownOrSuspected(incident.AbuseOrNeglect))
        {
            reasons.Add(incident.Kind switch
            {
                IncidentKind.Died or IncidentKind.SuspectedSuicide =>
                    "Abuse or neglect of the child is neither known nor suspected, so Regulation 5(2)(a) is not met, even though the child has died.",
                IncidentKind.SeriouslyHarmed =>
                    "Abuse or neglect of the child is neither known nor suspected, so Regulation 5(2)(a) is not met, even though the child has been seriously harmed.",
                _ => "Abuse or neglect of the child is neither known nor suspected, so Regulation 5(2)(a) is not met.",
            });
            return (CriteriaVerdict.NotMet, reasons);
        }

        var abuse = AbuseOrNeglectWords(incident.AbuseOrNeglect);
        switch (incident.Kind)
        {
            case IncidentKind.Died:
                reasons.Add($"Abuse or neglect is {abuse} and the child has died: Regulation 5(2)(a) and (b)(i) are met, and such a case must always trigger a Serious Case Review.");
                return (CriteriaVerdict.Met, reasons);

            case IncidentKind.SuspectedSuicide:
                reasons.Add($"Abuse or neglect is {abuse} and the child has died by suspected suicide, which Regulation 5(2)(b)(i) includes: the criteria are met, and such a case must always trigger a Serious Case Review.");
                return (CriteriaVerdict.Met, reasons);

            case IncidentKind.SeriouslyHarmed:
                switch (incident.InterAgencyConcern)
                {
                    case InterAgencyConcern.Concerns:
                        reasons.Add($"Abuse or neglect is {abuse}, the child has been seriously harmed, and there is cause for concern about how the agencies worked together: Regulation 5(2)(a) and (b)(ii) are met.");
                        return (CriteriaVerdict.Met, reasons);

                    case InterAgencyConcern.NotKnown:
                        reasons.Add($"Abuse or neglect is {abuse} and the child has been seriously harmed. It is not yet known whether there are concerns about how the agencies worked together; unless there is definitive evidence that there are no concerns about inter-agency working, an SCR must be commissioned.");
                        return (CriteriaVerdict.Met, reasons);

                    default:
                        reasons.Add($"Abuse or neglect is {abuse} and the child has been seriously harmed, but there is definitive evidence that there are no concerns about how the agencies worked together, so Regulation 5(2)(b)(ii) is not met.");
                        return (CriteriaVerdict.NotMet, reasons);
                }

            default:
                reasons.Add($"Abuse or neglect is {abuse}, but the form does not say that the child has died or has been seriously harmed, so the sub-group must judge whether the harm is serious. {SeriouslyHarmedMeaning}");
                if (incident.InterAgencyConcern == InterAgencyConcern.DefinitiveEvidenceOfNoConcerns)
                {
                    reasons.Add("Even if the harm is serious, the form records definitive evidence that there are no concerns about how the agencies worked together, which would mean Regulation 5(2)(b)(ii) is not met.");
                }
                else
                {
                    reasons.Add("If the harm is serious, an SCR must be commissioned unless there is definitive evidence that there are no concerns about inter-agency working.");
                }

                return (CriteriaVerdict.Unclear, reasons);
        }
    }

    /// <summary>The circumstances in which a review should always be carried out, or null. Notes why a rule did not apply.</summary>
    private static string? AlwaysReview(NotificationForm form, List<string> notes)
    {
        var died = Died(form.Incident.Kind);
        switch (form.Child.Custody)
        {
            case CustodyStatus.InCustody when died:
                return "The child died in custody: a Serious Case Review should always be carried out when a child dies in police custody, on remand or following sentence, in a Young Offender Institution, a secure training centre or a secure children's home, whether or not abuse or neglect is known or suspected.";

            case CustodyStatus.DetainedUnderMentalHealthAct when died:
                return "The child died while detained under the Mental Health Act 1983: a Serious Case Review should always be carried out in that case, whether or not abuse or neglect is known or suspected.";

            case CustodyStatus.DeprivationOfLibertyOrderAged16Or17 when died:
                var age = AgeAtIncident(form);
                if (age is 16 or 17)
                {
                    return $"The child, aged {age}, died while subject to a deprivation of liberty order under the Mental Capacity Act 2005: a Serious Case Review should always be carried out in that case, whether or not abuse or neglect is known or suspected.";
                }

                notes.Add(age is null
                    ? "The form says the child was subject to a deprivation of liberty order, but the child's age is not known, so the rule that a review should always be carried out for a child aged 16 or 17 was not applied."
                    : $"The form says the child was subject to a deprivation of liberty order, but the child was {age} at the incident, so the rule that a review should always be carried out for a child aged 16 or 17 does not apply.");
                return null;

            default:
                return null;
        }
    }

    private static (bool, IReadOnlyList<string>) Notifiable(NotificationForm form)
    {
        var incident = form.Incident;
        var child = form.Child;
        var died = Died(incident.Kind);
        var abuse = AbuseOrNeglectKnownOrSuspected(incident.AbuseOrNeglect);
        var reasons = new List<string>();

        if (died && abuse)
        {
            reasons.Add(incident.Kind == IncidentKind.SuspectedSuicide
                ? $"The child has died (suspected suicide) and abuse or neglect is {AbuseOrNeglectWords(incident.AbuseOrNeglect)}."
                : $"The child has died and abuse or neglect is {AbuseOrNeglectWords(incident.AbuseOrNeglect)}.");
        }

        if (incident.Kind == IncidentKind.SeriouslyHarmed && abuse)
        {
            reasons.Add($"The child has been seriously harmed and abuse or neglect is {AbuseOrNeglectWords(incident.AbuseOrNeglect)}.");
        }

        if (died && child.LookedAfter)
        {
            reasons.Add("A looked-after child has died, which is notifiable whether or not abuse or neglect is known or suspected.");
        }

        if (died && child.InRegulatedSetting)
        {
            reasons.Add("A child in a regulated setting or service has died, which is notifiable whether or not abuse or neglect is known or suspected.");
        }

        if (reasons.Count > 0)
        {
            reasons.Add("Children's social care must notify Ofsted and the board within five working days of becoming aware of the incident.");
            return (true, reasons);
        }

        reasons.Add(incident.Kind switch
        {
            IncidentKind.Died or IncidentKind.SuspectedSuicide =>
                "Not a notifiable incident: the child has died, but abuse or neglect is neither known nor suspected, and the child was neither looked after nor in a regulated setting or service.",
            IncidentKind.SeriouslyHarmed =>
                "Not a notifiable incident: the child has been seriously harmed, but abuse or neglect is neither known nor suspected.",
            _ when abuse =>
                "Not a notifiable incident as the form stands: the child has neither died nor been recorded as seriously harmed. If the harm proves serious, it becomes notifiable.",
            _ => "Not a notifiable incident: the child has neither died nor been seriously harmed, and abuse or neglect is neither known nor suspected.",
        });
        return (false, reasons);
    }
}
