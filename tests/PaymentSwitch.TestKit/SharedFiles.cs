using Xunit;

namespace PaymentSwitch.TestKit;

/// <summary>
/// Locates the shared reference folder (<c>../shared</c> next to the repository): the official ISO 20022
/// schemas and the sample messages written by others. The files are read in place and never copied into the
/// project (see <c>shared/iso20022/README.md</c>).
/// </summary>
public static class SharedFiles
{
    /// <summary>Environment variable that points at the shared folder (the one that holds <c>iso20022/</c>).</summary>
    public const string EnvironmentVariable = "PAYMENTSWITCH_SHARED_DIR";

    private const string SolutionFileName = "PaymentSwitch.sln";

    private static readonly Lazy<string?> RepositoryRootPath = new(FindRepositoryRoot);

    private static readonly Lazy<string?> SharedRoot = new(FindSharedRoot);

    /// <summary>The repository root (the folder holding <c>PaymentSwitch.sln</c>) above the test binaries, or null.</summary>
    public static string? RepositoryRoot => RepositoryRootPath.Value;

    /// <summary>
    /// The shared folder: <see cref="EnvironmentVariable"/> when set, otherwise <c>&lt;repo root&gt;/../shared</c>.
    /// Null only when neither the variable is set nor the repository root can be found.
    /// </summary>
    public static string? Root => SharedRoot.Value;

    /// <summary>The ISO 20022 reference folder, <c>&lt;shared&gt;/iso20022</c>.</summary>
    public static string Iso20022Directory => Path.Combine(Root ?? Path.Combine("..", "shared"), "iso20022");

    /// <summary>The official message schemas (<c>pacs.008.001.08.xsd</c>, <c>head.001.001.02.xsd</c>, ...).</summary>
    public static string XsdDirectory => Path.Combine(Iso20022Directory, "xsd");

    /// <summary>Sample messages published for Fedwire's ISO 20022 migration (bare <c>Document</c> elements).</summary>
    public static string FedwireSamplesDirectory => Path.Combine(Iso20022Directory, "samples", "fedwire");

    /// <summary>True when the ISO 20022 reference folder exists.</summary>
    public static bool IsAvailable => Directory.Exists(Iso20022Directory);

    /// <summary>True when the environment variable <c>CI</c> is <c>true</c> (any case).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns the shared folder when its ISO 20022 files are present. When they are missing, a test on a
    /// developer machine is skipped (so tests that need them must be <c>[SkippableFact]</c> or
    /// <c>[SkippableTheory]</c>), while on CI (<c>CI=true</c>) it fails: a CI run that silently skipped every
    /// schema check would prove nothing.
    /// </summary>
    public static string RequireOrSkip()
    {
        if (IsAvailable)
        {
            return Root!;
        }

        if (IsCi)
        {
            throw new InvalidOperationException(
                $"CI=true and ../shared/iso20022 is missing; set {EnvironmentVariable}. Looked for '{Path.GetFullPath(Iso20022Directory)}'.");
        }

        Skip.If(
            true,
            $"The shared ISO 20022 reference folder '{Path.GetFullPath(Iso20022Directory)}' is missing; set {EnvironmentVariable} to the folder that holds iso20022/ (normally <repo>/../shared).");
        return Root!;
    }

    private static string? FindSharedRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var full = Path.GetFullPath(fromEnvironment.Trim());

            // Accept the iso20022 folder itself as well as its parent, since both readings of "the shared folder" are natural.
            return Directory.Exists(Path.Combine(full, "xsd")) && !Directory.Exists(Path.Combine(full, "iso20022"))
                ? Path.GetDirectoryName(full)
                : full;
        }

        return RepositoryRoot is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared")) : null;
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
