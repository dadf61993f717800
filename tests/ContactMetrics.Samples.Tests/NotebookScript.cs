using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ContactMetrics.Samples.Tests;

/// <summary>
/// Turns a Polyglot (.NET Interactive) notebook into a .NET 10 file-based app: its C# code cells in order, with each
/// <c>#r "nuget: NAME, VERSION"</c> made a directive at the top of the file (directives must precede all code).
/// ContactMetrics packages become <c>#:project</c> references to this repository's projects (absolute paths, since a
/// directive's path is relative to the .cs file); any other package becomes <c>#:package NAME@VERSION</c>.
/// </summary>
internal static partial class NotebookScript
{
    private static readonly Dictionary<string, string> LocalProjects = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ContactMetrics"] = "src/ContactMetrics/ContactMetrics.csproj",
        ["ContactMetrics.Data"] = "src/ContactMetrics.Data/ContactMetrics.Data.csproj",
        ["ContactMetrics.Reporting"] = "src/ContactMetrics.Reporting/ContactMetrics.Reporting.csproj",
        ["ContactMetrics.Simulation"] = "src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj",
    };

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(,\s*(?<version>[^"\s]+)\s*)?"\s*$""")]
    private static partial Regex NugetReference();

    /// <summary>The code cells' sources, in order; each cell's source joined from its lines.</summary>
    public static IReadOnlyList<string> CodeCells(string notebookJson)
    {
        using var doc = JsonDocument.Parse(notebookJson);
        var cells = new List<string>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code")
            {
                continue;
            }
            var source = cell.GetProperty("source");
            cells.Add(source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
                : source.GetString() ?? string.Empty);
        }
        return cells;
    }

    /// <summary>The file-based app for the notebook's code cells, with local project references under <paramref name="repositoryRoot"/>.</summary>
    public static string ToFileBasedApp(string notebookJson, string repositoryRoot) => ToFileBasedApp(notebookJson, repositoryRoot, cellMarkers: false);

    /// <summary>The file-based app, with <see cref="NotebookOutputs.MarkerStatement"/> after each cell when <paramref name="cellMarkers"/> is set.</summary>
    public static string ToFileBasedApp(string notebookJson, string repositoryRoot, bool cellMarkers)
    {
        var directives = new List<string>();
        var body = new StringBuilder();
        int cellNumber = 0;
        foreach (string cell in CodeCells(notebookJson))
        {
            cellNumber++;
            body.Append("// cell ").Append(cellNumber).Append('\n');
            foreach (string line in cell.Split('\n'))
            {
                var m = NugetReference().Match(line.TrimEnd('\r'));
                if (m.Success)
                {
                    directives.Add(Directive(m.Groups["name"].Value, m.Groups["version"].Success ? m.Groups["version"].Value : null, repositoryRoot));
                }
                else if (line.TrimStart().StartsWith("#r ", StringComparison.Ordinal) || line.TrimStart().StartsWith("#!", StringComparison.Ordinal))
                {
                    throw new NotSupportedException($"Code cell {cellNumber}: only '#r \"nuget: NAME, VERSION\"' has a file-based equivalent; was '{line.Trim()}'.");
                }
                else
                {
                    body.Append(line.TrimEnd('\r')).Append('\n');
                }
            }
            if (cellMarkers)
            {
                body.Append('\n').Append(NotebookOutputs.MarkerStatement(cellNumber)).Append('\n');
            }
        }
        return string.Join('\n', directives.Distinct()) + "\n\n" + body;
    }

    private static string Directive(string package, string? version, string repositoryRoot)
    {
        if (LocalProjects.TryGetValue(package, out string? project))
        {
            return "#:project " + Path.GetFullPath(Path.Combine(repositoryRoot, project));
        }
        return version is null
            ? throw new NotSupportedException($"'#r \"nuget: {package}\"' has no version; a file-based app outside the repository needs '#:package {package}@VERSION'.")
            : $"#:package {package}@{version}";
    }
}
