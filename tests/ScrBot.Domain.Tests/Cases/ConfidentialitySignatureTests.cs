using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>The signature rules of the Scoping Panel Confidentiality Statement (toolkit Appendix C no. 7).</summary>
public sealed class ConfidentialitySignatureTests
{
    private static readonly ConfidentialityStatement Current = ConfidentialityStatement.ScopingPanel;

    [Fact]
    public void TheStatementSaysWhatTheToolkitRequires()
    {
        var text = Current.Text;

        Assert.Contains("may need to be shared with the police", text, StringComparison.Ordinal);
        Assert.Contains("nothing should be discussed at the panel which relates to the guilt of any suspect or defendant", text, StringComparison.Ordinal);
        Assert.Contains("who need to know it", text, StringComparison.Ordinal);
        Assert.Contains("handle the information securely", text, StringComparison.Ordinal);
        Assert.Equal("1", Current.Version);
        Assert.Same(Current, ConfidentialityStatement.OfVersion("1"));
        var file = Path.Combine(RepositoryRoot(), "src", "Domain", "Cases", "Statements", "scoping-panel-confidentiality-statement.v1.txt");
        Assert.Equal(File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), text);
    }

    [Fact]
    public void ASignatureRecordsThePersonTheirAgencyTheTypedNameTheVersionTheHashTheMeetingAndTheTime()
    {
        var story = CaseStory.ReadyForPanel().Do(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, Current, "  pete   police ", Current.Sha256));

        var signed = Assert.IsType<ConfidentialityStatementSigned>(story.Facts[^1]);
        Assert.Equal(PoliceRep.Id, signed.Member);
        Assert.Equal(Police, signed.Agency);
        Assert.Equal("pete police", signed.TypedName);
        Assert.Equal("1", signed.StatementVersion);
        Assert.Equal(Current.Sha256, signed.StatementSha256);
        Assert.Equal(CaseStory.PanelStart, signed.MeetingStart);
        Assert.Equal(Now, signed.At);
    }

    [Fact]
    public void NobodySignsForSomeoneElse()
    {
        var outcome = CaseStory.ReadyForPanel().Try(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, Current, "Hana Health"));

        Assert.Equal("A confidentiality statement is signed only by the person themselves: type your own full name (Pete Police) to sign it.", outcome.Explanation);
    }

    [Fact]
    public void NobodySignsTwiceForOneMeeting()
    {
        var outcome = CaseStory.ReadyForPanel()
            .Do(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, Current, "Pete Police"))
            .Try(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, Current, "Pete Police"));

        Assert.Equal("You have already signed the confidentiality statement for this meeting.", outcome.Explanation);
    }

    [Fact]
    public void AChangedTextIsNotSignedWithoutANewVersion()
    {
        var changed = Current with { Text = Current.Text.Replace("significant harm", "harm", StringComparison.Ordinal) };
        var story = CaseStory.ReadyForPanel();

        var againstChangedText = story.Try(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, changed, "Pete Police"));
        var unknownVersion = story.Try(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, changed with { Version = "2" }, "Pete Police"));
        var shownAnother = story.Try(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, Current, "Pete Police", changed.Sha256));

        Assert.Equal("This text is not the published text of version 1 of the confidentiality statement. A changed text is signed only as a new version.", againstChangedText.Explanation);
        Assert.Equal("This text is not the published text of version 2 of the confidentiality statement. A changed text is signed only as a new version.", unknownVersion.Explanation);
        Assert.Equal("The statement you were shown is not the text of version 1. Nothing was signed: sign the statement on a fresh card.", shownAnother.Explanation);
        Assert.False(story.State.HasSignedForScheduledPanel(PoliceRep.Id));
    }

    [Fact]
    public void TheSeniorInvestigatingOfficersRoleEndsWithTheScopingPanel()
    {
        var story = CaseStory.PanelHeld();

        var ended = Assert.Single(story.Facts.OfType<CaseRoleRemoved>(), r => r.Person == Sio.Id);
        Assert.Equal(Role.PanelMember, ended.Role);
        Assert.False(story.State.HasRole(Sio.Id, Role.PanelMember));
        Assert.True(story.State.HasRole(PoliceRep.Id, Role.PanelMember));
    }

    [Fact]
    public void ADeputyAttendsForTheirAgencyAndIsNamed()
    {
        var story = CaseStory.ReadyForPanel().Do(HealthRep, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: true, deputy: "Harriet Deputy"));
        var refused = story.Try(PoliceRep, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: false, deputy: "Someone"));

        Assert.Equal("Harriet Deputy", story.State.InvitationOf(HealthRep.Id)!.Deputy);
        Assert.True(story.State.InvitationOf(HealthRep.Id)!.Attending);
        Assert.Equal("A deputy is sent to attend in your place: choose Sending a deputy, not Cannot attend.", refused.Explanation);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ScrBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }
}
