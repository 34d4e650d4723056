using FsCheck;
using FsCheck.Fluent;

namespace PaymentSwitch.Messaging.Tests;

public sealed class SubjectsTests
{
    private const int Cases = 500;

    [Theory]
    [InlineData("a.b.c", "a.b.c", true)]
    [InlineData("a.*.c", "a.b.c", true)]
    [InlineData("a.*", "a.b.c", false)]
    [InlineData("a.>", "a.b.c", true)]
    [InlineData("a.>", "a", false)]
    [InlineData(">", "a", true)]
    [InlineData("*.*", "a.b", true)]
    [InlineData("*.*", "a", false)]
    [InlineData("a.b", "a.bc", false)]
    [InlineData("a.b*", "a.bc", false)]
    [InlineData("a.b*", "a.b*", true)]
    public void Matches_Pattern_FollowsNatsTokenRules(string pattern, string subject, bool expected)
    {
        Assert.Equal(expected, Subjects.Matches(pattern, subject));
    }

    [Fact]
    public void Matches_GeneratedSubjects_LiteralStarPerTokenAndTailWildcardAllMatch()
    {
        var tokens = Gen.Elements("sg", "th", "my", "fast", "promptpay", "in", "out", "pacs008", "x-1");
        var subjects = Gen.ListOf(tokens).Where(list => list.Count is > 0 and <= 8).Select(list => string.Join('.', list));

        Prop.ForAll(subjects.ToArbitrary(), subject =>
            {
                var parts = subject.Split('.');
                var stars = string.Join('.', parts.Select(static _ => "*"));
                var tail = parts.Length == 1 ? ">" : string.Join('.', parts[..^1]) + ".>";
                Assert.True(Subjects.Matches(subject, subject));
                Assert.True(Subjects.Matches(stars, subject));
                Assert.True(Subjects.Matches(tail, subject));
                Assert.False(Subjects.Matches(subject + ".>", subject));
                Assert.False(Subjects.Matches(stars + ".*", subject));
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }
}
