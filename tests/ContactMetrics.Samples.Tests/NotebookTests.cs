using System.Text.Json;
using static ContactMetrics.Samples.Tests.OutputParsing;

namespace ContactMetrics.Samples.Tests;

/// <summary>
/// Every docs/notebooks/*.ipynb: valid nbformat 4 for the .NET Interactive C# kernel, and its code cells run as a
/// file-based app against the local build (the kernel cannot be installed here).
/// </summary>
[Collection(DotnetRunCollection.Name)]
public sealed class NotebookTests
{
    /// <summary>The notebooks these tests run; a new notebook needs a test here.</summary>
    private static readonly string[] Tested = ["analysis", "attribution", "business-case", "clv", "retention"];

    private static IEnumerable<string> Notebooks() => Directory.GetFiles(Repository.Path("docs", "notebooks"), "*.ipynb").Order(StringComparer.Ordinal);

    private static DotnetRunResult Run(string notebook)
    {
        string json = File.ReadAllText(Repository.Path("docs", "notebooks", notebook + ".ipynb"));
        string dir = DotnetRun.ArtifactsPath + "-notebooks";
        Directory.CreateDirectory(dir);
        // A name of its own: the artifacts folder has one subfolder per app name, and the samples use the plain names.
        string file = Path.Combine(dir, "notebook-" + notebook + ".cs");
        File.WriteAllText(file, NotebookScript.ToFileBasedApp(json, Repository.Root, cellMarkers: true));
        var run = DotnetRun.File(file);
        run.ExitCode.Should().Be(0, run.ToString() + "\nprogram:\n" + File.ReadAllText(file));
        // The notebook is saved with its outputs (#17 item 8): what each cell prints, compared here, written with CM_UPDATE_NOTEBOOKS=1.
        var outputs = NotebookOutputs.Split(run.Out, NotebookScript.CodeCells(json).Count);
        string path = Repository.Path("docs", "notebooks", notebook + ".ipynb");
        if (NotebookOutputs.Update)
        {
            File.WriteAllText(path, NotebookOutputs.WithOutputs(json, outputs));
        }
        else
        {
            NotebookOutputs.Saved(json).Should().Equal(outputs,
                $"{notebook}.ipynb is saved with what its cells print; after a change, save them again: CM_UPDATE_NOTEBOOKS=1 dotnet test tests/ContactMetrics.Samples.Tests --filter NotebookTests");
        }
        return run;
    }

    [Fact]
    public void Notebooks_EveryFile_IsRunByATest()
    {
        Notebooks().Select(Path.GetFileNameWithoutExtension).Should().BeEquivalentTo(Tested);
    }

    [Fact]
    public void Notebooks_All_AreNbformat4ForTheCSharpKernelAndStartWithThePackage()
    {
        foreach (string path in Notebooks())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            root.GetProperty("nbformat").GetInt32().Should().Be(4, path);
            var metadata = root.GetProperty("metadata");
            metadata.GetProperty("kernelspec").GetProperty("name").GetString().Should().Be(".net-csharp", path);
            metadata.GetProperty("language_info").GetProperty("name").GetString().Should().Be("C#", path);
            var cells = root.GetProperty("cells").EnumerateArray().ToList();
            cells.Should().Contain(c => c.GetProperty("cell_type").GetString() == "markdown", $"{path} explains itself");
            cells.Select(c => c.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems(path); // nbformat 4.5 cell ids
            NotebookScript.CodeCells(File.ReadAllText(path))[0].Should().StartWith("#r \"nuget: ContactMetrics, ", path);
        }
    }

    [Fact]
    public void ToFileBasedApp_NugetReferences_BecomeDirectivesBeforeAnyCode()
    {
        const string Notebook = """
            {"cells": [
              {"cell_type": "markdown", "source": ["# Title\n", "#r \"nuget: NotCode, 1.0\""]},
              {"cell_type": "code", "source": ["#r \"nuget: ContactMetrics, 0.1.0\"\n", "using System.Text;\n", "var a = 1;"]},
              {"cell_type": "code", "source": "#r \"nuget: Humanizer.Core, 2.14.1\"\nConsole.WriteLine(a);"}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """;

        string app = NotebookScript.ToFileBasedApp(Notebook, "/repo");
        var lines = app.Split('\n');

        lines[0].Should().Be("#:project " + Path.GetFullPath("/repo/src/ContactMetrics/ContactMetrics.csproj"));
        lines[1].Should().Be("#:package Humanizer.Core@2.14.1");
        app.Should().NotContain("#r").And.NotContain("NotCode").And.NotContain("# Title");
        app.IndexOf("using System.Text;", StringComparison.Ordinal).Should().BeLessThan(app.IndexOf("Console.WriteLine(a);", StringComparison.Ordinal));
    }

    [Fact]
    public void ToFileBasedApp_KernelMagic_IsRejectedNamingTheCell()
    {
        const string Notebook = """{"cells": [{"cell_type": "code", "source": ["#!time\n", "1 + 1"]}]}""";

        var act = () => NotebookScript.ToFileBasedApp(Notebook, "/repo");

        act.Should().Throw<NotSupportedException>().WithMessage("Code cell 1:*#!time*");
    }

    [Fact]
    public void Clv_Notebook_RecoversThePlantedParameters()
    {
        var run = Run("clv");

        // Planted: the CDNOW estimates (Fader, Hardie & Lee 2005), printed beside each fitted value; recovered within 15%.
        foreach (string name in new[] { "r", "alpha", "a", "b" })
        {
            var g = Match(run.Out, $@"^BG/NBD {name}\s+([\d.]+) \(se [\d.]+\)\s+planted ([\d.]+)$");
            g[1].Number().Should().BeApproximately(g[2].Number(), 0.15 * g[2].Number(), name);
        }
        // A customer who last bought a year ago is less likely alive than one with the same purchases last week (BG/NBD P(alive)).
        var alive = Match(run.Out, @"x 10, t_x 52, T 104: P\(alive\) ([\d.]+); x 10, t_x 103, T 104: P\(alive\) ([\d.]+)");
        alive[1].Number().Should().BeLessThan(alive[2].Number());
    }

    [Fact]
    public void Retention_Notebook_ShowsAPositiveUpliftAndThePublishedSbgFit()
    {
        var run = Run("retention");

        Match(run.Out, @"^Difference ([\d.]+)% \[([\d.]+)%, ")[2].Number().Should().BeGreaterThan(0);
        // 13.65 EUR: the value per customer the notebook states (docs/notebooks/retention.ipynb, the demo's mean 3-year CLV).
        run.Out.Should().Contain("Customers kept").And.Contain("value = customers kept x 13.65 EUR per customer");
        // Fader & Hardie (2007), "regular" cohort: alpha = 0.704, beta = 1.182; observed survival 631/1000 in year 1.
        run.Out.Should().Contain("sBG: alpha 0.704, beta 1.182").And.Contain("(observed 0.631)");
    }

    [Fact]
    public void Attribution_Notebook_CreditSumsToConversionsAndTheLiftShowsAgainstTheControl()
    {
        var run = Run("attribution");

        double total = Match(run.Out, @"^([\d,]+) conversions worth ")[1].Number();
        var sums = Match(run.Out, @"^total\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$");
        for (int i = 1; i <= 4; i++)
        {
            sums[i].Number().Should().BeApproximately(total, 0.01);
        }
        // The planted service lift (x1.5) adds conversions: the run has more than the control with the lift off.
        Match(run.Out, @"^Conversions added by the lift \(run - control\): (-?\d+) ")[1].Number().Should().BeGreaterThan(0);
    }

    [Fact]
    public void BusinessCase_Notebook_TracesEveryLineAndGivesTheHeadlineWithPercentiles()
    {
        var run = Run("business-case");

        // Measured inputs name their method and sample size; the FCR lines are their formulas (hand check of the product).
        run.Out.Should().Contain("contacts a year = ").And.Contain("-- measured: ").And.Contain("n = ");
        var repeats = Match(run.Out, @"^FCR \+5 points: repeat contacts avoided: ([\d,]+) x ([\d.]+) x ([\d.]+) x ([\d.]+) EUR = ([\d,.]+) EUR$");
        (repeats[1].Number() * repeats[2].Number() * repeats[3].Number() * repeats[4].Number()).Should().BeApproximately(repeats[5].Number(), 0.002 * repeats[5].Number());
        // The tornado is ranked by swing, largest first (BusinessCase.Tornado).
        var swings = System.Text.RegularExpressions.Regex.Matches(run.Out, @"^  tornado .*: swing ([\d,]+) EUR$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Number()).ToList();
        swings.Should().HaveCountGreaterThan(3).And.BeInDescendingOrder();
        var headline = Match(run.Out, @"^\+5 points FCR: ([\d,]+) EUR a year \(P10 ([\d,]+) EUR to P90 ([\d,]+) EUR\)$");
        headline[1].Number().Should().BeInRange(headline[2].Number(), headline[3].Number());
        headline[2].Number().Should().BeLessThan(headline[3].Number());
    }

    [Fact]
    public void Analysis_Notebook_OneValuePerCustomerEverywhereAndTheReportAgreesWithTheAnalysis()
    {
        var run = Run("analysis");

        // The value per customer is computed once: the CLV figure, the retention value and the business-case input are the same
        // number with the same interval (the CLV's interval of the mean).
        var clv = Match(run.Out, @"^CLV: value per customer ([\d.,]+) EUR \[([\d.,]+), ([\d.,]+)\]$");
        var kept = Match(run.Out, @"^Retention: ([\d.,]+) customers kept x ([\d.,]+) EUR = ([\d.,]+) EUR$");
        var input = Match(run.Out, @"^Business case input: value per customer ([\d.,]+) EUR \[([\d.,]+), ([\d.,]+)\]$");
        kept[2].Value.Should().Be(clv[1].Value);
        input[1].Value.Should().Be(clv[1].Value);
        input[2].Value.Should().Be(clv[2].Value);
        input[3].Value.Should().Be(clv[3].Value);
        (kept[1].Number() * kept[2].Number()).Should().BeApproximately(kept[3].Number(), (0.05 * kept[2].Number()) + 0.01);
        // Without rates the cost figures are results with their reason, and the rest of the analysis is unchanged.
        run.Out.Should().Contain("Without rates: cost-to-serve available False: No cost rates were given")
            .And.Contain("Without rates: business case available False: ")
            .And.Contain($"Without rates: value per customer still {clv[1].Value} EUR");
        // The window: whole local days of the simulation (2024-01-01 to 2025-12-30 in Amsterdam, docs/simulation.md).
        run.Out.Should().Contain("Window: 2024-01-01 to 2025-12-30 in Europe/Amsterdam, end (exclusive) 2025-12-30T23:00:00Z");
        // Each FCR line is the product of its factors (hand check), and the page carries the headline the analysis printed.
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(run.Out,
            @"^  FCR \+5 points: [a-z ]+: ([\d.,]+) x ([\d.,]+) x ([\d.,]+) x ([\d.,]+) EUR = ([\d.,]+) EUR$", System.Text.RegularExpressions.RegexOptions.Multiline))
        {
            (m.Groups[1].Number() * m.Groups[2].Number() * m.Groups[3].Number() * m.Groups[4].Number()).Should().BeApproximately(m.Groups[5].Number(), 0.002 * m.Groups[5].Number(), m.Value);
        }
        run.Out.Should().Contain("headline in the page: True");
        // One journey lookback: the assisted conversions the analysis printed are the report's assists chart's.
        var assisted = Match(run.Out, @"^Journey lookback 30 days: [\d,]+ journeys, ([\d,]+) conversions assisted by service$");
        Match(run.Out, @"^  chart-assists: .* ([\d,]+) of [\d,]+ conversions \(\d+%\) had a service contact earlier in their 30-day path")[1].Value
            .Should().Be(assisted[1].Value);
    }
}
