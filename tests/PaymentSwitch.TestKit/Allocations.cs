namespace PaymentSwitch.TestKit;

/// <summary>Measures what a piece of code allocates on the current thread once it is warm.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="round"/> a few times to warm it up, then measures up to five more rounds and returns the
    /// fewest bytes any of them allocated. Tiered compilation can swap in new code (on-stack replacement, call-counting
    /// stubs) in the middle of a round and allocate once on the calling thread; code that really allocates per call
    /// allocates in every round, so the minimum still exposes it.
    /// </summary>
    public static long SteadyStateBytes(Action round)
    {
        ArgumentNullException.ThrowIfNull(round);
        for (var i = 0; i < 3; i++)
        {
            round();
        }

        var fewest = long.MaxValue;
        for (var i = 0; i < 5 && fewest > 0; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            round();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
