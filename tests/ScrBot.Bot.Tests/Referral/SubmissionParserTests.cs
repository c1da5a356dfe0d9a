using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>A card's submission taken apart: strings from the inputs become typed answers, or an error beside their input.</summary>
public sealed class SubmissionParserTests
{
    private static FormDraft With(FormSection section, Action<Dictionary<string, string>> change)
    {
        var answers = ReferralSamples.Answers();
        change(answers[section]);
        return ReferralSamples.FilledDraft(answers);
    }

    private static FormCheckResult Check(FormDraft draft) => FormCheck.CheckAll(draft, ReferralSamples.Directory, ReferralSamples.Today);

    [Fact]
    public void ACompleteFormBecomesTheTypedNotificationForm()
    {
        var result = Check(ReferralSamples.FilledDraft());

        Assert.False(result.Errors.Any, string.Join("; ", result.Errors.ByInput.Values));
        var form = result.Form;
        Assert.Equal("staffordshire", form.Referrer.Board.Value);
        Assert.Equal("staffs-csc", form.Referrer.Agency?.Value);
        Assert.True(form.Referrer.SeniorLeadsAware);
        Assert.Equal(["Jamie Smith", "JJ"], form.Child.OtherNames);
        Assert.Equal(new DateOnly(2016, 5, 14), form.Child.DateOfBirth);
        Assert.Equal(Gender.Male, form.Child.Gender);
        Assert.False(form.Child.LookedAfter);
        Assert.Equal(ChildProtectionPlan.Previous, form.Child.ChildProtectionPlan);
        Assert.Equal(IncidentKind.Died, form.Incident.Kind);
        Assert.Equal(new DateOnly(2026, 11, 2), form.Incident.Date);
        Assert.Equal(new DateOnly(2026, 11, 3), form.Incident.DateAgencyBecameAware);
        Assert.Equal(AbuseOrNeglect.Suspected, form.Incident.AbuseOrNeglect);
        Assert.Equal(InterAgencyConcern.Concerns, form.Incident.InterAgencyConcern);
        Assert.Equal([new SignificantOther("Sam Collins", "Mother", new DateOnly(1990, 2, 1))], form.SignificantOthers);
        Assert.Equal(["staffs-police", "staffs-health"], form.AgenciesInvolved.Where(a => a.Agency is not null).Select(a => a.Agency!.Value.Value));
        Assert.Equal("St Mary's Primary School", form.AgenciesInvolved.Single(a => a.Agency is null).OtherAgencyName);
        Assert.Equal(["stoke-on-trent"], form.OtherBoardsInvolved.Select(b => b.Value));
        Assert.True(form.ParallelProcesses.CriminalInvestigation);
        Assert.True(form.ParallelProcesses.ChildDeathReview);
        Assert.True(form.ParallelProcesses.Coroner);
        Assert.False(form.ParallelProcesses.FamilyCourt);
    }

    [Theory]
    [InlineData("2016-05-14")]
    [InlineData("14/05/2016")]
    [InlineData("14 May 2016")]
    [InlineData("Saturday 14 May 2016")]
    public void ADateIsReadAsTheDatePickerOrAPersonWritesIt(string written)
    {
        var result = Check(With(FormSection.Child, a => a[FormFields.ChildDateOfBirth] = written));
        Assert.Equal(new DateOnly(2016, 5, 14), result.Form.Child.DateOfBirth);
        Assert.Null(result.Errors.For(FormFields.ChildDateOfBirth));
    }

    [Theory]
    [InlineData("31/02/2016")]
    [InlineData("next Tuesday")]
    [InlineData("1066-10-14")]
    public void ADateThatCannotBeReadIsAnErrorBesideItsFieldAndTheAnswerIsKept(string written)
    {
        var draft = With(FormSection.Child, a => a[FormFields.ChildDateOfBirth] = written);
        var result = Check(draft);

        Assert.Equal("Date of birth is not a date we can read: enter it like 4 January 2015.", result.Errors.For(FormFields.ChildDateOfBirth));
        Assert.Equal(written, draft.Answer(FormFields.ChildDateOfBirth));
        Assert.Equal(1, result.Errors.Count);
    }

    [Fact]
    public void ARequiredChoiceNotMadeIsAnErrorBesideIt()
    {
        var result = Check(With(FormSection.Incident, a => a.Remove(FormFields.IncidentAbuseOrNeglect)));
        Assert.Equal("Abuse or neglect is required: choose one of the options.", result.Errors.For(FormFields.IncidentAbuseOrNeglect));
    }

    [Fact]
    public void AChoiceThatIsNotOnTheCardIsRefusedNotGuessed()
    {
        var result = Check(With(FormSection.Incident, a => a[FormFields.IncidentKind] = "3"));
        Assert.Equal("What happened: choose one of the options on the list.", result.Errors.For(FormFields.IncidentKind));

        var agency = Check(With(FormSection.Referrer, a => a[FormFields.ReferrerAgency] = "stoke-csc"));
        Assert.Contains("Staffordshire Safeguarding Children Board's agencies", agency.Errors.For(FormFields.ReferrerAgency), StringComparison.Ordinal);
    }

    [Fact]
    public void NumbersAndTrueOrFalseFromAClientAreReadLikeTheTextTheCardsSend()
    {
        var draft = ReferralSamples.FilledDraft();
        var data = ReferralSamples.Submission(draft, FormSection.ParallelProcesses, new Dictionary<string, string>());
        data[FormFields.CriminalInvestigation] = true;
        data[InputIds.FamilyCourt] = JsonValue.Create("true");
        data[FormFields.SeniorInvestigatingOfficer] = "DI Jo Patel";
        var inputs = SubmissionParser.Inputs(data, FormSection.ParallelProcesses, draft.SignificantOtherRows);
        Assert.Equal("true", inputs[FormFields.CriminalInvestigation]);

        var child = SubmissionParser.Inputs(new JsonObject { [FormFields.ChildApproximateAge] = 7 }, FormSection.Child, 1);
        Assert.Equal("7", child[FormFields.ChildApproximateAge]);

        var form = Check(draft.WithSection(FormSection.ParallelProcesses, inputs)).Form;
        Assert.True(form.ParallelProcesses.CriminalInvestigation);
        Assert.True(form.ParallelProcesses.FamilyCourt);
        Assert.False(form.ParallelProcesses.Coroner);
    }

    [Fact]
    public void AnAnswerFarLongerThanTheCardAllowsIsCutAtTheStoreLimitAndStillRefused()
    {
        var data = new JsonObject { [FormFields.IncidentDescription] = new string('a', 100_000) };
        var inputs = SubmissionParser.Inputs(data, FormSection.Incident, 1);
        Assert.Equal(SubmissionParser.MaxAnswerLength, inputs[FormFields.IncidentDescription].Length);

        var result = Check(ReferralSamples.FilledDraft().WithSection(FormSection.Incident, new Dictionary<string, string>(ReferralSamples.Answers()[FormSection.Incident])
        {
            [FormFields.IncidentDescription] = inputs[FormFields.IncidentDescription],
        }));
        Assert.Equal("Description is longer than 4,000 characters.", result.Errors.For(FormFields.IncidentDescription));
    }

    [Fact]
    public void InputsOfOtherSectionsInASubmissionAreIgnored()
    {
        var data = new JsonObject { [FormFields.ChildName] = "Someone Else", [FormFields.ReferrerRole] = "Director" };
        var inputs = SubmissionParser.Inputs(data, FormSection.Referrer, 1);
        Assert.Equal(["referrer.role"], inputs.Keys);
    }

    [Fact]
    public void EmptyRowsOfSignificantOthersAreDroppedAndTheRestKeepTheirOrder()
    {
        var draft = ReferralSamples.FilledDraft() with { SignificantOtherRows = 3 };
        var sent = new Dictionary<string, string>
        {
            [InputIds.SignificantOther(0, FormFields.SignificantOtherName)] = "Sam Collins",
            [InputIds.SignificantOther(0, FormFields.SignificantOtherRelationship)] = "Mother",
            [InputIds.SignificantOther(2, FormFields.SignificantOtherName)] = "Lee Morgan",
            [InputIds.SignificantOther(2, FormFields.SignificantOtherRelationship)] = "Mother's partner",
        };

        var compacted = draft.WithSection(FormSection.SignificantOthers, sent);

        Assert.Equal(2, compacted.SignificantOtherRows);
        Assert.Equal("Lee Morgan", compacted.Answer(InputIds.SignificantOther(1, FormFields.SignificantOtherName)));
        Assert.Equal(["Sam Collins", "Lee Morgan"], Check(compacted).Form.SignificantOthers.Select(o => o.Name));
    }
}
