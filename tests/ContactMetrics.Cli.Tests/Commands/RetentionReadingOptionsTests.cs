using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// <c>retention km</c>, <c>cox</c> and <c>sbg</c> read their tables with the reading options of every other reading command
/// (#14 item 5): delimiter, decimal comma, column map, <c>.csv.gz</c>, folders and globs, <c>-</c> for standard input.
/// </summary>
public class RetentionReadingOptionsTests
{
    private static readonly string[] European = ["--delimiter", ";", "--decimal-comma"];

    private static JsonElement Json(params string[] args) => JsonWithInput(null, args);

    private static JsonElement JsonWithInput(byte[]? input, params string[] args)
    {
        var run = input is null ? CliRun.Of([.. args, "--format", "json"]) : CliRun.WithInput(input, [.. args, "--format", "json"]);
        run.ExitCode.Should().Be(0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static void Close(JsonElement e, string property, double expected, double relative = 1e-6) =>
        e.GetProperty(property).GetDouble().Should().BeApproximately(expected, Math.Abs(expected) * relative, property);

    /// <summary>
    /// rossi.csv as a European spreadsheet exports it: ';' between cells, the follow-up in months (week x 12 / 52, six
    /// decimals, with a decimal comma) and age in decades (age / 10, with a decimal comma).
    /// </summary>
    private static byte[] EuropeanRossi()
    {
        var lines = File.ReadAllLines(RetentionCommandTests.Rossi.Value).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        int week = Array.IndexOf(header, "week"), age = Array.IndexOf(header, "age");
        var text = new StringBuilder(string.Join(';', header)).Append('\n');
        foreach (string line in lines.Skip(1))
        {
            var cells = line.Split(',');
            cells[week] = Comma(double.Parse(cells[week], CultureInfo.InvariantCulture) * 12 / 52, "F6");
            cells[age] = Comma(double.Parse(cells[age], CultureInfo.InvariantCulture) / 10, "F1");
            text.Append(string.Join(';', cells)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Comma(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',');

    [Fact]
    public void Cox_EuropeanGzippedRossi_ReproducesR()
    {
        // R 4.2.2, survival 3.5-3 (as RetentionCommandTests.Cox_RossiEfron_ReproducesR): coxph(Surv(week, arrest) ~ fin + age +
        // race + wexp + mar + paro + prio, data = rossi). The partial likelihood depends on the times' order only, so months
        // give the fit of weeks; age in decades multiplies age's coefficient and standard error by 10 (by hand); the
        // log-likelihood is unchanged.
        double[] coef = [-0.3794221664858867, -0.0574377426840623 * 10, 0.3138997878424986, -0.1497956976665371, -0.4337038779373086, -0.0848710825003947, 0.0914970809852960];
        double[] se = [0.1913794807135435, 0.0219994706006800 * 10, 0.3079927765574182, 0.2122242962486229, 0.3818680576687913, 0.1957566719066243, 0.0286485499599737];
        using var dir = new TempDir();
        string path = dir.File("rossi-eu.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(EuropeanRossi());
        }

        var json = Json(["retention", "cox", "--table", path, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,race,wexp,mar,paro,prio", .. European]);

        var rows = json.GetProperty("parameters").GetProperty("coefficients").EnumerateArray().ToArray();
        for (int i = 0; i < coef.Length; i++)
        {
            Close(rows[i], "coefficient", coef[i]);
            Close(rows[i], "standardError", se[i]);
        }
        json.GetProperty("cox").GetProperty("events").GetInt32().Should().Be(114);
        Close(json.GetProperty("cox"), "logLikelihood", -658.747659446086);
        // Without the options the same file is exit 2 naming the file and its first row: read with ',' the header is one
        // cell and the row's two decimal commas make three.
        var plain = CliRun.Of("retention", "cox", "--table", path, "--duration", "week", "--event", "arrest", "--covariates", "fin");
        plain.ExitCode.Should().Be(2);
        plain.Error.Should().Contain("rossi-eu.csv.gz:2: has 3 fields but the header has 1");
    }

    [Fact]
    public void Km_EuropeanRossiOnStandardInput_ReproducesR()
    {
        // R: summary(survfit(Surv(week, arrest) ~ fin, data = rossi), times = c(20, 52)) (as RetentionCommandTests.Km_RossiByFinAtTimes_ReproducesR):
        // fin 0 at 20 weeks: n.risk 196, surv 0.902777..., std.err 0.020157948; at 52 weeks: surv 0.694444...; fin 1 at 20: n.risk 201.
        // 20 weeks = 4.615385 months and 52 weeks = 12 months as the file writes them (week x 12 / 52, six decimals).
        var json = JsonWithInput(EuropeanRossi(), ["retention", "km", "--table", "-", "--duration", "week", "--event", "arrest", "--group", "fin", "--times", "4.615385,12", .. European]);

        json.GetProperty("kaplanMeier").GetProperty("table").GetString().Should().Be("stdin");
        var rows = json.GetProperty("survival").GetProperty("rows").EnumerateArray().ToArray();
        rows.Should().HaveCount(4);
        rows[0].GetProperty("atRisk").GetInt32().Should().Be(196);
        Close(rows[0], "survival", 0.90277777777777779);
        Close(rows[0], "standardError", 0.020157948267921499);
        Close(rows[1], "survival", 0.6944444444444442);
        rows[2].GetProperty("atRisk").GetInt32().Should().Be(201);
        json.GetProperty("kaplanMeier").GetProperty("logRankChiSquare").GetDouble().Should().BeApproximately(3.84, 0.01);
    }

    [Fact]
    public void Cox_RossiInTwoParts_GlobAndFolderGiveRsFit()
    {
        // The rossi rows split over two files (the second with its columns reversed) read as one table: R's fit, fin
        // -0.3794221664858867 (same reference as above).
        using var dir = new TempDir();
        var lines = File.ReadAllLines(RetentionCommandTests.Rossi.Value).Where(l => l.Length > 0).ToArray();
        string Reversed(string line) => string.Join(',', line.Split(',').Reverse());
        File.WriteAllLines(dir.File("rossi-1.csv"), lines.Take(201));
        File.WriteAllLines(dir.File("rossi-2.csv"), [Reversed(lines[0]), .. lines.Skip(201).Select(Reversed)]);
        string[] model = ["--duration", "week", "--event", "arrest", "--covariates", "fin,age,race,wexp,mar,paro,prio"];

        foreach (string table in new[] { dir.File("rossi-*.csv"), dir.Path })
        {
            var json = Json(["retention", "cox", "--table", table, .. model]);
            json.GetProperty("cox").GetProperty("observations").GetInt32().Should().Be(432);
            json.GetProperty("cox").GetProperty("events").GetInt32().Should().Be(114);
            Close(json.GetProperty("parameters").GetProperty("coefficients")[0], "coefficient", -0.3794221664858867);
        }
    }

    [Fact]
    public void Km_ColumnMap_GroupsByTheMappedColumn()
    {
        // A churn export whose channel column is 'Kanal', read with the map the typed tables take (channel=Kanal). By hand:
        // phone 3 customers, 2 churned; chat 2, 1 churned.
        using var dir = new TempDir();
        string path = dir.File("churn.csv");
        File.WriteAllText(path, "tage;gekuendigt;Kanal\n10;1;phone\n20;0;chat\n30;1;phone\n40;1;chat\n50;0;phone\n");

        var json = Json("retention", "km", "--table", path, "--duration", "tage", "--event", "gekuendigt", "--group", "channel", "--map", "channel=Kanal", "--delimiter", ";");

        var groups = json.GetProperty("groups").GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("group").GetString()!, g => (g.GetProperty("count").GetInt32(), g.GetProperty("events").GetInt32()));
        groups.Should().BeEquivalentTo(new Dictionary<string, (int, int)> { ["phone"] = (3, 2), ["chat"] = (2, 1) });
    }

    [Fact]
    public void Sbg_SurvivorsFromAEuropeanTable_ReproduceThePublishedCohort()
    {
        // Fader & Hardie (2007), "How to project customer retention", the regular cohort (REFERENCES.md): alpha 0.704, beta
        // 1.182, as with --survivors 1000,631,468,382,326,289,262,241 (RetentionSbgCommandTests).
        using var dir = new TempDir();
        string path = dir.File("cohort.csv");
        File.WriteAllText(path, "Jahr;aktiv\n0;1000,0\n1;631\n2;468\n3;382\n4;326\n5;289\n6;262\n7;241\n");

        var json = Json(["retention", "sbg", "--table", path, "--column", "aktiv", .. European]);

        var p = json.GetProperty("fit").GetProperty("parameters");
        p.GetProperty("alpha").GetDouble().Should().BeApproximately(0.704, 0.0005);
        p.GetProperty("beta").GetDouble().Should().BeApproximately(1.182, 0.0005);
    }

    [Theory]
    [InlineData(new[] { "--horizon", "5" }, "--survivors: give the survivor counts either as --survivors 1000,631,468 or as --table FILE --column COL.")]
    [InlineData(new[] { "--survivors", "1000,631,468", "--table", "T" }, "--survivors: give the survivor counts either as --survivors 1000,631,468 or as --table FILE --column COL.")]
    [InlineData(new[] { "--table", "T" }, "--column: name the column of survivor counts of --table, e.g. --column active.")]
    [InlineData(new[] { "--survivors", "1000,631,468", "--column", "aktiv" }, "--column: goes with --table FILE; --survivors holds the counts themselves.")]
    [InlineData(new[] { "--table", "T", "--column", "active" }, "T: --column: no column 'active'; the columns are period, aktiv.")]
    [InlineData(new[] { "--table", "G", "--column", "aktiv" }, "G: --column aktiv: a cohort cannot grow; period 2 has 700 after 631.")]
    [InlineData(new[] { "--survivors", "0,0,0" }, "--survivors: the cohort (period 0) must be more than 0 customers; was 0.")] // was exit 1 from the model
    public void Sbg_TableArguments_Exit2WithTheFix(string[] args, string message)
    {
        using var dir = new TempDir();
        string table = dir.File("cohort.csv");
        File.WriteAllText(table, "period,aktiv\n0,1000\n1,631\n2,468\n");
        string growing = dir.File("growing.csv");
        File.WriteAllText(growing, "period,aktiv\n0,1000\n1,631\n2,700\n");

        var run = CliRun.Of(["retention", "sbg", .. args.Select(a => a switch { "T" => table, "G" => growing, _ => a })]);

        run.ExitCode.Should().Be(2);
        run.Error.Trim().Should().Be("contactmetrics: " + message.Replace("T:", table + ":", StringComparison.Ordinal).Replace("G:", growing + ":", StringComparison.Ordinal));
    }
}
