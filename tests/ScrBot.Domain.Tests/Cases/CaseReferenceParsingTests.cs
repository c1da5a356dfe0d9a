using ScrBot.Domain.Cases;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>Whatever is typed after <c>case</c>, reading it as a reference answers yes or no, never fails.</summary>
public sealed class CaseReferenceParsingTests
{
    [Theory]
    [InlineData("SCR-3000-0001")]
    [InlineData("SCR-1999-0001")]
    [InlineData("SCR-9999-9999")]
    [InlineData("SCR-2026-0000")]
    [InlineData("SCR-20266-0001")]
    [InlineData("SCR-2026-00001")]
    [InlineData("SCR-\u0662\u0660\u0662\u0666-0001")]
    [InlineData("SCR-2026-\uff10\uff10\uff10\uff17")]
    [InlineData("SCR-2026-0007\ud800")]
    [InlineData("")]
    [InlineData(null)]
    public void TextThatIsNoReferenceTheTypeCanHoldIsNotAReference(string? text)
    {
        Assert.False(CaseReference.TryParse(text, out var reference));
        Assert.Null(reference);
    }

    [Fact]
    public void EveryShapeOfYearAndNumberIsAnsweredWithoutFailing()
    {
        var random = new Random(20261130);
        for (var i = 0; i < 2000; i++)
        {
            var text = $"SCR-{new string('9', random.Next(0, 12))}{random.Next()}-{random.Next()}";
            var parsed = CaseReference.TryParse(text, out var reference);
            Assert.Equal(parsed, reference is not null);
            if (reference is { } r)
            {
                Assert.Equal(text, r.Value);
            }
        }
    }

    [Theory]
    [InlineData("SCR-2026-0007", 2026, 7)]
    [InlineData(" scr-2999-9999 ", 2999, 9999)]
    [InlineData("SCR-2000-0001", 2000, 1)]
    public void AReferenceIsRead(string text, int year, int number)
    {
        Assert.True(CaseReference.TryParse(text, out var reference));
        Assert.Equal((year, number), (reference!.Value.Year, reference.Value.Number));
    }
}
