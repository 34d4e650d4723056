using System.Globalization;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.LoadRunner;

/// <summary>
/// The reference data a run loads: the hub's topology and the simulated IPSs' adapter profiles, from the files
/// <see cref="LoadRunOptions.TopologyFile"/> and <see cref="LoadRunOptions.ProfilesFile"/> name, or the embedded ASEAN +
/// India ones. The switch under test and the workload both run these profiles (they carry their topology).
/// </summary>
/// <param name="Profiles">The adapter profiles, checked against the topology they hold (<see cref="AdapterProfiles.Topology"/>).</param>
/// <param name="TopologySource">Where the topology came from, for the run's settings: a full path or the embedded file's name.</param>
/// <param name="ProfilesSource">Where the profiles came from, likewise.</param>
public sealed record LoadReferenceData(AdapterProfiles Profiles, string TopologySource, string ProfilesSource)
{
    /// <summary>
    /// The name ending of the profiles file found beside a topology file when <see cref="LoadRunOptions.ProfilesFile"/> is
    /// not given: <c>asean-eur.json</c> → <c>asean-eur-adapters.json</c>.
    /// </summary>
    public const string ProfilesSuffix = "-adapters.json";

    /// <summary>What the settings say for the embedded topology.</summary>
    public const string EmbeddedTopology = "embedded ASEAN + India (asean-default.json)";

    /// <summary>What the settings say for the embedded adapter profiles.</summary>
    public const string EmbeddedProfiles = "embedded ASEAN + India (asean-adapters.json)";

    // Reference data is a few hundred kilobytes; a file far larger than that is a mistake, not a topology, and is
    // refused before it is read into memory.
    private const long MaxFileBytes = 64L * 1024 * 1024;

    // A badly broken file can yield hundreds of errors; the first ones say what is wrong.
    private const int MaxErrorsListed = 20;

    /// <summary>
    /// The profiles file a run uses: <see cref="LoadRunOptions.ProfilesFile"/> when given, else
    /// <c>&lt;topology name&gt;-adapters.json</c> beside <see cref="LoadRunOptions.TopologyFile"/> when that file exists,
    /// else <c>null</c> (the embedded profiles).
    /// </summary>
    public static string? ProfilesFileFor(LoadRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ProfilesFile is { Length: > 0 } named)
        {
            return named;
        }

        if (options.TopologyFile is not { Length: > 0 } topology)
        {
            return null;
        }

        var sibling = Path.Combine(Path.GetDirectoryName(topology) ?? string.Empty, Path.GetFileNameWithoutExtension(topology) + ProfilesSuffix);
        return File.Exists(sibling) ? sibling : null;
    }

    /// <summary>
    /// Loads the topology and the profiles. Never throws on a bad file: a missing or unreadable file and every problem
    /// the loaders find are in <paramref name="errors"/>, each naming the option (<c>--topology</c>, <c>--profiles</c>),
    /// the file and the loader's message (<c>$.json.path: sentence</c>).
    /// </summary>
    public static bool TryLoad(LoadRunOptions options, out LoadReferenceData? data, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        data = null;
        var problems = new List<string>();
        errors = problems;

        Topology? topology;
        string topologySource;
        if (options.TopologyFile is { Length: > 0 } topologyFile)
        {
            var label = $"--topology '{topologyFile}'";
            topologySource = Path.GetFullPath(topologyFile);
            topology = ReadFile(topologyFile, label, problems) is { } json ? Report(Topology.Load(json), label, problems) : null;
        }
        else
        {
            topologySource = EmbeddedTopology;
            topology = Topology.LoadDefault();
        }

        if (topology is null)
        {
            // Profiles are checked against the topology; without one every profile would only repeat its errors.
            return false;
        }

        AdapterProfiles? profiles;
        string profilesSource;
        if (ProfilesFileFor(options) is { } profilesFile)
        {
            var label = options.ProfilesFile is { Length: > 0 }
                ? $"--profiles '{profilesFile}'"
                : $"--profiles (not given; '{profilesFile}', found beside --topology)";
            profilesSource = Path.GetFullPath(profilesFile);
            profiles = ReadFile(profilesFile, label, problems) is { } json ? Report(AdapterProfiles.Load(json, topology), label, problems) : null;
        }
        else
        {
            profilesSource = EmbeddedProfiles;
            var loaded = AdapterProfiles.Load(AdapterProfiles.DefaultJson(), topology);
            profiles = Report(loaded, "--profiles (not given: the embedded ASEAN + India profiles)", problems);
        }

        if (profiles is null)
        {
            return false;
        }

        data = new LoadReferenceData(profiles, topologySource, profilesSource);
        return true;
    }

    /// <summary>Loads the topology and the profiles, as <see cref="TryLoad"/>.</summary>
    /// <exception cref="ArgumentException">A file is missing, unreadable or invalid; the message lists every problem.</exception>
    public static LoadReferenceData Load(LoadRunOptions options) =>
        TryLoad(options, out var data, out var errors)
            ? data!
            : throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));

    private static string? ReadFile(string path, string label, List<string> problems)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add($"{label}: no such file ({Path.GetFullPath(path)})");
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: the file has {info.Length:N0} bytes, more than the {MaxFileBytes:N0} a reference data file may have"));
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"{label}: the file cannot be read: {failure.Message}");
            return null;
        }
    }

    private static Topology? Report(TopologyLoadResult result, string label, List<string> problems)
    {
        AddAll(result.Errors, label, problems);
        return result.Succeeded ? result.Topology : null;
    }

    private static AdapterProfiles? Report(AdapterProfileLoadResult result, string label, List<string> problems)
    {
        AddAll(result.Errors, label, problems);
        return result.Succeeded ? result.Profiles : null;
    }

    private static void AddAll(IReadOnlyList<string> errors, string label, List<string> problems)
    {
        foreach (var error in errors.Take(MaxErrorsListed))
        {
            problems.Add($"{label}: {error}");
        }

        if (errors.Count > MaxErrorsListed)
        {
            problems.Add($"{label}: ... and {errors.Count - MaxErrorsListed} more problems");
        }
    }
}
