using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>Ledger invariants that stay on in Release builds: a broken one is a programmer error and fails fast.</summary>
internal static class LedgerInvariant
{
    public static void Assert([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            Fail(message);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fail(string message) => throw new InvalidOperationException("Ledger invariant violated: " + message);
}
