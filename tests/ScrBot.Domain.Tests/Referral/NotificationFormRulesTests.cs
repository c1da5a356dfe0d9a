using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using ScrBot.Domain.Tests.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Referral;

public sealed class NotificationFormRulesTests
{
    private static IReadOnlyList<Refusal> Check(NotificationForm form) => NotificationFormRules.Validate(form, TwoBoards, Today);

    private static Refusal Single(NotificationForm form)
    {
        var errors = Check(form);
        return Assert.Single(errors);
    }

    [Fact]
    public void ACompleteFormHasNoProblems()
    {
        Assert.Empty(Check(Form()));
    }

    [Fact]
    public void ADateOfBirthInTheFutureIsRefused()
    {
        var error = Single(Form().With((ChildDetails c) => c with { DateOfBirth = Today.AddDays(1) }));

        Assert.Equal(FormFields.ChildDateOfBirth, error.Field);
        Assert.Equal("Date of birth is in the future.", error.Reason);
    }

    [Fact]
    public void BecomingAwareEarlierThanTheIncidentIsRefused()
    {
        var error = Single(Form().With((IncidentDetails i) => i with { Date = new DateOnly(2026, 3, 5), DateAgencyBecameAware = new DateOnly(2026, 3, 3) }));

        Assert.Equal(FormFields.IncidentDateAware, error.Field);
        Assert.Equal("The date the agency became aware (3 March 2026) is earlier than the incident (5 March 2026).", error.Reason);
    }

    [Fact]
    public void AnIncidentBeforeTheChildWasBornIsRefused()
    {
        var error = Single(Form().With((IncidentDetails i) => i with { Date = new DateOnly(2015, 3, 1) }));

        Assert.Equal(FormFields.IncidentDate, error.Field);
        Assert.Equal("The incident is dated before the child's date of birth.", error.Reason);
    }

    [Fact]
    public void AnIncidentInTheFutureIsRefused()
    {
        var error = Single(Form().With((IncidentDetails i) => i with { Date = Today.AddDays(2), DateAgencyBecameAware = Today }));

        Assert.Equal(FormFields.IncidentDate, error.Field);
        Assert.Equal("Date of the incident is in the future.", error.Reason);
    }

    [Fact]
    public void BecomingAwareInTheFutureIsRefused()
    {
        var error = Single(Form().With((IncidentDetails i) => i with { DateAgencyBecameAware = Today.AddDays(1) }));

        Assert.Equal(FormFields.IncidentDateAware, error.Field);
        Assert.Equal("Date the agency became aware is in the future.", error.Reason);
    }

    [Fact]
    public void BecomingAwareOnTheDayOfTheIncidentIsAccepted()
    {
        Assert.Empty(Check(Form().With((IncidentDetails i) => i with { DateAgencyBecameAware = i.Date })));
    }

    [Fact]
    public void AMissingIncidentDateIsRequired()
    {
        var errors = Check(Form().With((IncidentDetails i) => i with { Date = default }));

        var error = Assert.Single(errors);
        Assert.Equal(FormFields.IncidentDate, error.Field);
        Assert.Equal("Date of the incident is required.", error.Reason);
    }

    [Fact]
    public void AnAdultAtTheIncidentIsNotTheSubjectOfAChildReview()
    {
        var error = Single(Form().With((ChildDetails c) => c with { DateOfBirth = new DateOnly(2008, 2, 28) }));

        Assert.Equal(FormFields.ChildDateOfBirth, error.Field);
        Assert.Equal("The child was 18 on the date of the incident (date of birth 28 February 2008); a Serious Case Review concerns a child under 18.", error.Reason);
    }

    [Fact]
    public void TheChildsNameIsRequired()
    {
        var error = Single(Form().With((ChildDetails c) => c with { Name = "  " }));

        Assert.Equal(FormFields.ChildName, error.Field);
        Assert.Equal("Child's name is required.", error.Reason);
    }

    [Fact]
    public void ADescriptionLongerThanTheLimitIsRefused()
    {
        var error = Single(Form().With((IncidentDetails i) => i with { Description = new string('x', FormLimits.Description + 1) }));

        Assert.Equal(FormFields.IncidentDescription, error.Field);
        Assert.Equal("Description is longer than 4,000 characters.", error.Reason);
    }

    [Fact]
    public void ADescriptionOfExactlyTheLimitIsAccepted()
    {
        Assert.Empty(Check(Form().With((IncidentDetails i) => i with { Description = new string('x', FormLimits.Description) })));
    }

    [Fact]
    public void NamesAndAddressesHaveTheirOwnLimits()
    {
        var errors = Check(Form().With((ChildDetails c) => c with { Name = new string('n', 201), Address = new string('a', 501) }));

        Assert.Collection(
            errors,
            e => Assert.Equal(new Refusal("Child's name is longer than 200 characters.", FormFields.ChildName), e),
            e => Assert.Equal(new Refusal("Child's address is longer than 500 characters.", FormFields.ChildAddress), e));
    }

    [Fact]
    public void AnUnknownAgencyIsRefused()
    {
        var error = Single(Form().With((ReferrerDetails r) => r with { Agency = new AgencyId("xyz") }));

        Assert.Equal(FormFields.ReferrerAgency, error.Field);
        Assert.Equal("Agency 'xyz' is not one of the board's agencies.", error.Reason);
    }

    [Fact]
    public void AnUnknownInvolvedAgencyIsRefusedAgainstItsRow()
    {
        var form = Form() with { AgenciesInvolved = [new AgencyInvolvement(Police, null, null), new AgencyInvolvement(new AgencyId("xyz"), null, null)] };

        var error = Single(form);

        Assert.Equal("agenciesInvolved[1].agency", error.Field);
        Assert.Equal("Agency 'xyz' is not one of the board's agencies.", error.Reason);
    }

    [Fact]
    public void AnUnknownBoardIsRefused()
    {
        var errors = Check(Form().With((ReferrerDetails r) => r with { Board = new BoardId("atlantis") }));

        var error = Assert.Single(errors);
        Assert.Equal(FormFields.Board, error.Field);
        Assert.Equal("Board 'atlantis' is not one of the boards this service works for.", error.Reason);
    }

    [Fact]
    public void AnOtherAgencyNeedsItsName()
    {
        var error = Single(Form().With((ReferrerDetails r) => r with { Agency = new AgencyId(FormFields.OtherAgencyChoice), OtherAgencyName = null }));

        Assert.Equal(FormFields.ReferrerOtherAgency, error.Field);
        Assert.Equal("The name of the other agency is required when the referring agency is 'Other'.", error.Reason);
    }

    [Fact]
    public void AnOtherAgencyWithItsNameIsAccepted()
    {
        Assert.Empty(Check(Form().With((ReferrerDetails r) => r with { Agency = new AgencyId("other"), OtherAgencyName = "St Mary's Academy" })));
    }

    [Fact]
    public void TheReferringAgencyIsRequired()
    {
        var error = Single(Form().With((ReferrerDetails r) => r with { Agency = null, OtherAgencyName = null }));

        Assert.Equal(FormFields.ReferrerAgency, error.Field);
        Assert.Equal("Referring agency is required.", error.Reason);
    }

    [Fact]
    public void TheReferringAgencysSeniorLeadsMustBeAware()
    {
        var error = Single(Form().With((ReferrerDetails r) => r with { SeniorLeadsAware = false }));

        Assert.Equal(FormFields.SeniorLeadsAware, error.Field);
        Assert.Equal("The senior leads of the referring agency must be aware of this referral before it is sent.", error.Reason);
    }

    [Fact]
    public void EitherADateOfBirthOrAnApproximateAgeIsRequired()
    {
        var error = Single(Form().With((ChildDetails c) => c with { DateOfBirth = null, ApproximateAgeYears = null }));

        Assert.Equal(FormFields.ChildDateOfBirth, error.Field);
        Assert.Equal("Date of birth or approximate age is required.", error.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void AnApproximateAgeOfAChildIsAccepted(int age)
    {
        Assert.Empty(Check(Form().With((ChildDetails c) => c with { DateOfBirth = null, ApproximateAgeYears = age })));
    }

    [Theory]
    [InlineData(18)]
    [InlineData(-1)]
    public void AnApproximateAgeOutsideChildhoodIsRefused(int age)
    {
        var error = Single(Form().With((ChildDetails c) => c with { DateOfBirth = null, ApproximateAgeYears = age }));

        Assert.Equal(FormFields.ChildApproximateAge, error.Field);
        Assert.Equal($"Approximate age must be between 0 and 17 years (it is {age}).", error.Reason);
    }

    [Fact]
    public void ACriminalInvestigationNeedsTheSeniorInvestigatingOfficersContact()
    {
        var form = Form() with { ParallelProcesses = Form().ParallelProcesses with { CriminalInvestigation = true, SeniorInvestigatingOfficerContact = "" } };

        var error = Single(form);

        Assert.Equal(FormFields.SeniorInvestigatingOfficer, error.Field);
        Assert.Equal("The Senior Investigating Officer's contact details are required when a criminal investigation is running.", error.Reason);
    }

    [Fact]
    public void WithoutACriminalInvestigationNoOfficerIsNeeded()
    {
        var form = Form() with { ParallelProcesses = Form().ParallelProcesses with { CriminalInvestigation = false, SeniorInvestigatingOfficerContact = null } };

        Assert.Empty(Check(form));
    }

    [Fact]
    public void ALookedAfterChildNeedsTheResponsibleAuthority()
    {
        var error = Single(Form().With((ChildDetails c) => c with { LookedAfter = true, ResponsibleAuthority = null }));

        Assert.Equal(FormFields.ChildResponsibleAuthority, error.Field);
        Assert.Equal("Responsible authority is required when the child is looked after.", error.Reason);
    }

    [Fact]
    public void ConcernsAboutWorkingTogetherNeedTheirDetails()
    {
        var error = Single(Form().With((IncidentDetails i) => i with { InterAgencyConcern = InterAgencyConcern.Concerns, InterAgencyConcernDetails = null }));

        Assert.Equal(FormFields.IncidentInterAgencyConcernDetails, error.Field);
        Assert.Equal("Details of the concerns about how the agencies worked together are required when there are concerns.", error.Reason);
    }

    [Fact]
    public void ASignificantOthersMissingFieldsAreReportedAgainstTheirRow()
    {
        var form = Form() with
        {
            SignificantOthers =
            [
                new SignificantOther("Parent C", "Mother", null),
                new SignificantOther("", "", Today.AddDays(3)),
            ],
        };

        var errors = Check(form);

        Assert.Collection(
            errors,
            e => Assert.Equal(new Refusal("Significant other 2's name is required.", FormFields.Indexed("significantOthers", 1, FormFields.SignificantOtherName)), e),
            e => Assert.Equal(new Refusal("Significant other 2's relationship to the child is required.", "significantOthers[1].relationship"), e),
            e => Assert.Equal(new Refusal("Significant other 2's date of birth is in the future.", "significantOthers[1].dateOfBirth"), e));
    }

    [Fact]
    public void AnUnknownOtherBoardIsRefused()
    {
        var error = Single(Form() with { OtherBoardsInvolved = [new BoardId("narnia")] });

        Assert.Equal(FormFields.OtherBoardsInvolved, error.Field);
        Assert.Equal("Other board 'narnia' is not one of the boards this service works for.", error.Reason);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var form = Form()
            .With((ChildDetails c) => c with { Name = "", DateOfBirth = Today.AddYears(1) })
            .With((ReferrerDetails r) => r with { Agency = new AgencyId("xyz") });

        var fields = Check(form).Select(e => e.Field).ToList();

        Assert.Equal([FormFields.ReferrerAgency, FormFields.ChildName, FormFields.ChildDateOfBirth], fields);
    }
}
