using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;

namespace PaymentSwitch.Benchmarks.Budgets;

/// <summary>
/// The stable id of a benchmark in the budget file: <c>ClassName.MethodName</c>, then its parameters in name order when
/// it has any, e.g. <c>SettlementCloseBenchmarks.Close(Participants=100, Payments=1000)</c>. Descriptions are for
/// people and change; class and method names are what <c>--filter</c> matches too.
/// </summary>
internal static class BenchmarkIds
{
    public static string Of(BenchmarkCase benchmark) => Of(
        benchmark.Descriptor.Type.Name,
        benchmark.Descriptor.WorkloadMethod.Name,
        benchmark.Parameters.Items.Select(static p => new KeyValuePair<string, object?>(p.Name, p.Value)));

    public static string Of(string typeName, string methodName, IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var id = new StringBuilder(typeName).Append('.').Append(methodName);
        var ordered = parameters.OrderBy(static p => p.Key, StringComparer.Ordinal).ToList();
        if (ordered.Count > 0)
        {
            id.Append('(')
                .AppendJoin(", ", ordered.Select(static p => p.Key + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)))
                .Append(')');
        }

        return id.ToString();
    }
}
