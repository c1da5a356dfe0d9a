using ScrBot.Bot.Referral;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>The domain's rules, run on every submission, with each problem placed beside the input it concerns.</summary>
public sealed class FormCheckTests
{
    private static FormErrors ErrorsWith(FormSection section, Action<Dictionary<string, string>> change, params FormSection[] checkedSections)
    {
        var answers = ReferralSamples.Answers();
        change(answers[section]);
        var draft = ReferralSamples.FilledDraft(answers);
        var sections = checkedSections.Length == 0 ? FormSections.All.ToList() : checkedSections.ToList();
        return FormCheck.Check(draft, ReferralSamples.Directory, ReferralSamples.Today, sections).Errors;
    }

    [Fact]
    public void ADateOfBirthInTheFutureIsShownBesideTheDateOfBirth()
    {
        var errors = ErrorsWith(FormSection.Child, a => a[FormFields.ChildDateOfBirth] = "2027-01-04");
        Assert.Equal("Date of birth is in the future.", errors.For(FormFields.ChildDateOfBirth));
    }

    [Fact]
    public void AnIncidentBeforeTheChildWasBornIsShownBesideTheIncidentDate()
    {
        var errors = ErrorsWith(FormSection.Incident, a =>
        {
            a[FormFields.IncidentDate] = "2016-01-10";
            a[FormFields.IncidentDateAware] = "2016-01-11";
        });
        Assert.Equal("The incident is dated before the child's date of birth.", errors.For(FormFields.IncidentDate));
        Assert.Equal(FormSection.Incident, errors.FirstSection);
    }

    [Fact]
    public void BecomingAwareBeforeTheIncidentIsShownBesideTheDateOfAwareness()
    {
        var errors = ErrorsWith(FormSection.Incident, a => a[FormFields.IncidentDateAware] = "2026-11-01");
        Assert.Equal(
            "The date the agency became aware (1 November 2026) is earlier than the incident (2 November 2026).",
            errors.For(FormFields.IncidentDateAware));
    }

    [Fact]
    public void EveryRequiredAnswerMissingIsShownBesideItsOwnInput()
    {
        var errors = ErrorsWith(FormSection.Referrer, a =>
        {
            a.Remove(FormFields.ReferrerName);
            a.Remove(FormFields.ReferrerRole);
            a.Remove(FormFields.ReferrerContact);
            a[FormFields.SeniorLeadsAware] = "false";
        });

        Assert.Equal("Referrer's name is required.", errors.For(FormFields.ReferrerName));
        Assert.Equal("Referrer's role is required.", errors.For(FormFields.ReferrerRole));
        Assert.Equal("Referrer's contact details is required.", errors.For(FormFields.ReferrerContact));
        Assert.Equal("The senior leads of the referring agency must be aware of this referral before it is sent.", errors.For(FormFields.SeniorLeadsAware));
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void TextOverTheFormsLimitIsShownBesideItsInput()
    {
        var errors = ErrorsWith(FormSection.Child, a => a[FormFields.ChildName] = new string('n', FormLimits.Name + 1));
        Assert.Equal("Child's name is longer than 200 characters.", errors.For(FormFields.ChildName));
    }

    [Fact]
    public void AnOtherAgencyNameTooLongIsShownBesideTheOtherAgenciesByItsLine()
    {
        var errors = ErrorsWith(FormSection.AgenciesAndBoards, a => a[InputIds.OtherAgenciesInvolved] = "St Mary's Primary School\n" + new string('x', FormLimits.AgencyName + 1));
        Assert.Equal("Line 2: The name of the other agency is longer than 200 characters.", errors.For(InputIds.OtherAgenciesInvolved));
    }

    [Fact]
    public void ASectionNotReachedYetIsNotReportedAsMissing()
    {
        var draft = FormDraft.Start(ReferralSamples.Referrer.Id, "d", ReferralSamples.Now).WithSection(FormSection.Referrer, ReferralSamples.Answers()[FormSection.Referrer]);
        var errors = FormCheck.Check(draft, ReferralSamples.Directory, ReferralSamples.Today, [FormSection.Referrer]).Errors;
        Assert.False(errors.Any, string.Join("; ", errors.ByInput.Values));

        var all = FormCheck.CheckAll(draft, ReferralSamples.Directory, ReferralSamples.Today).Errors;
        Assert.Equal(FormSection.Child, all.FirstSection);
        Assert.Equal("Child's name is required.", all.For(FormFields.ChildName));
    }

    [Fact]
    public void AnAnswerThatCannotBeReadIsReportedOnceNotAlsoAsMissing()
    {
        var errors = ErrorsWith(FormSection.Incident, a => a[FormFields.IncidentDate] = "yesterday");
        Assert.Equal("Date of the incident is not a date we can read: enter it like 4 January 2015.", errors.For(FormFields.IncidentDate));
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public void AChildWhoWasEighteenAtTheIncidentIsShownBesideTheDateOfBirth()
    {
        var errors = ErrorsWith(FormSection.Child, a => a[FormFields.ChildDateOfBirth] = "2004-01-01");
        Assert.StartsWith("The child was 22 on the date of the incident", errors.For(FormFields.ChildDateOfBirth), StringComparison.Ordinal);
    }
}
