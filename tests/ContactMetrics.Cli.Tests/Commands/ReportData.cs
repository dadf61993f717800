using ContactMetrics.Cli.Commands;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// The data folder of the report command's tests (the Reporting tests have their own, read through the library):
/// a small simulated contact center written as the demo writes it, with one segment and one marketing channel renamed to
/// markup (<see cref="Hostile"/>), so every report test also sees text that must be HTML-encoded. Shared by the tests of a
/// class (xunit class fixture); the folder is deleted afterwards.
/// </summary>
public sealed class ReportData : IDisposable
{
    /// <summary>A segment and touchpoint channel name that would run as script if it reached the page unencoded.</summary>
    public const string Hostile = "<script>alert(1)</script>";

    private readonly TempDir _dir = new();

    public ReportData()
    {
        Center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 11, Customers = 800 });
        DemoCommand.WriteTables(Center, _dir.Path);
        Replace("customers.csv", ",enterprise,", $",{Hostile},");
        Replace("touchpoints.csv", ",display\n", $",{Hostile}\n");
    }

    public SimulatedContactCenter Center { get; }

    public string Dir => _dir.Path;

    public string File(string name) => _dir.File(name);

    private void Replace(string table, string from, string to)
    {
        string path = _dir.File(table);
        string text = System.IO.File.ReadAllText(path).ReplaceLineEndings("\n");
        text.Should().Contain(from, $"the simulated {table} has the value to rename");
        System.IO.File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
