using PaymentSwitch.Iso20022.MessagePack;

namespace PaymentSwitch.Iso20022.Tests.MessagePack;

public sealed class InternPoolTests
{
    [Fact]
    public void Intern_SameText_ReturnsTheSameInstance()
    {
        var first = InternPool.Intern("DBSSSGSGXXX");
        var second = InternPool.Intern("DBSSSGSGXXX".AsSpan());

        Assert.Same(first, second);
    }

    [Fact]
    public void Intern_ManyInventedValues_StaysBounded()
    {
        // A hostile sender inventing codes must not grow the pool without limit: past its bound it starts
        // again, so an early value is no longer the pooled instance.
        var early = InternPool.Intern("EARLY-VALUE");
        for (var i = 0; i < 10_000; i++)
        {
            InternPool.Intern($"CODE{i}");
        }

        var again = InternPool.Intern("EARLY-VALUE");

        Assert.Equal(early, again);
        Assert.NotSame(early, again);
    }
}
