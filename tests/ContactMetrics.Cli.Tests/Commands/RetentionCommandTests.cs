using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class RetentionCommandTests
{
    internal static readonly Lazy<string> Rossi = new(() =>
    {
        // rossi.csv lives in ../shared/data beside the repository, like the core tests' reference data.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "rossi.csv"));
            }
        }
        throw new DirectoryNotFoundException("ContactMetrics.sln not found above the test binaries.");
    });

    private static JsonElement Json(params string[] args)
    {
        var run = CliRun.Of([.. args, "--format", "json"]);
        run.ExitCode.Should().Be(0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static void Close(JsonElement e, string property, double expected, double relative = 1e-6) =>
        e.GetProperty(property).GetDouble().Should().BeApproximately(expected, Math.Abs(expected) * relative, property);

    [Fact]
    public void Cox_RossiEfron_ReproducesR()
    {
        // R 4.2.2, survival 3.5-3 (tests/ContactMetrics.Tests/Retention/rossi_reference.R):
        // coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi) -- coef, se(coef).
        double[] coef = [-0.3794221664858867, -0.0574377426840623, 0.3138997878424986, -0.1497956976665371, -0.4337038779373086, -0.0848710825003947, 0.0914970809852960];
        double[] se = [0.1913794807135435, 0.0219994706006800, 0.3079927765574182, 0.2122242962486229, 0.3818680576687913, 0.1957566719066243, 0.0286485499599737];

        var json = Json("retention", "cox", "--table", Rossi.Value, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,race,wexp,mar,paro,prio");

        var rows = json.GetProperty("parameters").GetProperty("coefficients").EnumerateArray().ToArray();
        rows.Select(r => r.GetProperty("name").GetString()).Should().Equal("fin", "age", "race", "wexp", "mar", "paro", "prio");
        for (int i = 0; i < coef.Length; i++)
        {
            Close(rows[i], "coefficient", coef[i]);
            Close(rows[i], "standardError", se[i]);
            Close(rows[i], "hazardRatio", Math.Exp(coef[i]));
        }
        json.GetProperty("cox").GetProperty("events").GetInt32().Should().Be(114);
        Close(json.GetProperty("cox"), "logLikelihood", -658.747659446086);
    }

    [Fact]
    public void Cox_RossiAsParquet_GivesTheCsvFit()
    {
        // One reader for any table (#17 item 4): the rossi CSV written as Parquet (typed INT64/DOUBLE columns by the
        // library's writer) gives R's coxph fit as the CSV does: fin -0.3794221664858867 (same reference as above).
        var csv = ContactMetrics.Data.CsvColumnTable.Read(Rossi.Value);
        string path = Path.Combine(Path.GetTempPath(), $"rossi-{Guid.NewGuid():N}.parquet");
        var rows = Enumerable.Range(0, csv.Count).Select(i => (IReadOnlyList<object?>)csv.Names.Select((_, k) => (object?)(long)csv.Numbers(k)[i]).ToArray()).ToList();
        ContactMetrics.Data.ParquetColumns.Write(path, [.. csv.Names], rows);
        try
        {
            var json = Json("retention", "cox", "--table", path, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,race,wexp,mar,paro,prio");
            Close(json.GetProperty("parameters").GetProperty("coefficients")[0], "coefficient", -0.3794221664858867);
            json.GetProperty("cox").GetProperty("events").GetInt32().Should().Be(114);

            var km = Json("retention", "km", "--table", path, "--duration", "week", "--event", "arrest", "--group", "fin");
            km.GetProperty("groups").GetProperty("groups").GetArrayLength().Should().Be(2);

            var missing = CliRun.Of("retention", "cox", "--table", path, "--duration", "weeks", "--event", "arrest", "--covariates", "fin");
            missing.ExitCode.Should().Be(2);
            missing.Error.Should().Contain("--duration: no column 'weeks'");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Cox_StartStopRows_SplitSubjectsGiveTheUnsplitFit()
    {
        // Each rossi subject followed past week 20 is split into (0, 20] censored and (20, week] with the arrest: the
        // risk sets and so the partial likelihood are unchanged (Therneau & Grambsch 2000, sec. 3.7), so the (start, stop]
        // fit equals R's unsplit coxph(Surv(week, arrest) ~ fin + age + prio, data = rossi).
        var lines = File.ReadAllLines(Rossi.Value);
        var header = lines[0].Split(',');
        int week = Array.IndexOf(header, "week"), arrest = Array.IndexOf(header, "arrest");
        var split = new List<string> { "start,stop," + lines[0] };
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            double weeks = double.Parse(cells[week], System.Globalization.CultureInfo.InvariantCulture);
            if (weeks > 20)
            {
                var first = (string[])cells.Clone();
                first[arrest] = "0";
                split.Add("0,20," + string.Join(',', first));
                split.Add($"20,{cells[week]}," + line);
            }
            else
            {
                split.Add($"0,{cells[week]}," + line);
            }
        }
        string path = Path.Combine(Path.GetTempPath(), $"rossi-split-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, split);
        try
        {
            var whole = Json("retention", "cox", "--table", Rossi.Value, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,prio");
            var intervals = Json("retention", "cox", "--table", path, "--start", "start", "--duration", "stop", "--event", "arrest", "--covariates", "fin,age,prio");

            intervals.GetProperty("cox").GetProperty("observations").GetInt32().Should().Be(split.Count - 1).And.BeGreaterThan(432);
            intervals.GetProperty("cox").GetProperty("events").GetInt32().Should().Be(114);
            var a = whole.GetProperty("parameters").GetProperty("coefficients").EnumerateArray().ToArray();
            var b = intervals.GetProperty("parameters").GetProperty("coefficients").EnumerateArray().ToArray();
            for (int i = 0; i < 3; i++)
            {
                Close(b[i], "coefficient", a[i].GetProperty("coefficient").GetDouble(), 1e-8);
                Close(b[i], "standardError", a[i].GetProperty("standardError").GetDouble(), 1e-8);
            }
            Close(intervals.GetProperty("cox"), "logLikelihood", whole.GetProperty("cox").GetProperty("logLikelihood").GetDouble(), 1e-10);

            // A stop not after its start is exit 2 naming the file, line, column and both times.
            File.WriteAllLines(path, ["start,stop,arrest,fin", "0,5,1,0", "7,7,0,1", "0,3,0,1"]);
            var bad = CliRun.Of("retention", "cox", "--table", path, "--start", "start", "--duration", "stop", "--event", "arrest", "--covariates", "fin");
            bad.ExitCode.Should().Be(2);
            bad.Error.Should().Contain($"{path}:3").And.Contain("column 'stop': '7' is not after the row's start 7 (start)");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Cox_Table_ShowsPValuesAndLimitsToThreeSignificantDigits()
    {
        // R: summary(coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi)) prints fin
        // p 0.0474 (0.047 would be two decimals' "0.05"), exp(coef) 0.684, lower .95 0.470.
        var run = CliRun.Of("retention", "cox", "--table", Rossi.Value, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,race,wexp,mar,paro,prio");
        run.ExitCode.Should().Be(0, run.Error);
        var fin = run.Out.Split('\n').Single(l => l.TrimStart().StartsWith("fin ", StringComparison.Ordinal));
        fin.Should().Contain(" 0.0474 ").And.Contain(" 0.684 ").And.Contain(" 0.47 ");
    }

    [Fact]
    public void Cox_RossiBreslowStratified_ReproducesR()
    {
        // Same reference: coxph(Surv(week, arrest) ~ fin + age + race + ... , ties = "breslow") gives fin -0.3790218874307941;
        // coxph(... ~ fin + age + wexp + mar + paro + prio + strata(race)) gives fin -0.3787673742777213.
        var breslow = Json("retention", "cox", "--table", Rossi.Value, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,race,wexp,mar,paro,prio", "--ties", "breslow");
        Close(breslow.GetProperty("parameters").GetProperty("coefficients")[0], "coefficient", -0.3790218874307941);

        var strata = Json("retention", "cox", "--table", Rossi.Value, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,wexp,mar,paro,prio", "--strata", "race");
        Close(strata.GetProperty("parameters").GetProperty("coefficients")[0], "coefficient", -0.3787673742777213);
    }

    [Fact]
    public void Km_RossiByFinAtTimes_ReproducesR()
    {
        // R: summary(survfit(Surv(week, arrest) ~ fin, data = rossi), times = c(20, 52)) (RossiKaplanMeierReference.cs):
        // fin 0 at 20: n.risk 196, surv 0.902777..., std.err 0.020157948; at 52: surv 0.694444..., std.err 0.031342741;
        // fin 1 at 20: n.risk 201, surv 0.912037...; conf.type = "plain" interval at fin 0, 20: [0.86326892517043008, 0.9422866303851255].
        var json = Json("retention", "km", "--table", Rossi.Value, "--duration", "week", "--event", "arrest", "--group", "fin", "--times", "20,52", "--conf-type", "plain");

        var rows = json.GetProperty("survival").GetProperty("rows").EnumerateArray().ToArray();
        rows.Should().HaveCount(4);
        rows[0].GetProperty("group").GetString().Should().Be("0");
        rows[0].GetProperty("atRisk").GetInt32().Should().Be(196);
        Close(rows[0], "survival", 0.90277777777777779);
        Close(rows[0], "standardError", 0.020157948267921499);
        Close(rows[0], "lower", 0.86326892517043008);
        Close(rows[0], "upper", 0.9422866303851255);
        Close(rows[1], "survival", 0.6944444444444442);
        Close(rows[1], "standardError", 0.031342740758626378);
        rows[2].GetProperty("atRisk").GetInt32().Should().Be(201);
        Close(rows[2], "survival", 0.91203703703703687);
        // survdiff(Surv(week, arrest) ~ fin, data = rossi): chisq = 3.8 on 1 df, p = 0.05.
        json.GetProperty("kaplanMeier").GetProperty("logRankChiSquare").GetDouble().Should().BeApproximately(3.84, 0.01);
    }

    [Fact]
    public void Km_WithoutTimes_ListsEveryEventTime()
    {
        var json = Json("retention", "km", "--table", Rossi.Value, "--duration", "week", "--event", "arrest");

        var rows = json.GetProperty("survival").GetProperty("rows").EnumerateArray().ToArray();
        rows.Sum(r => r.GetProperty("events").GetInt32()).Should().Be(114);
        rows[0].GetProperty("group").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("--duration", "weeks")]
    [InlineData("--event", "arrested")]
    [InlineData("--covariates", "fin,agee")]
    [InlineData("--strata", "racee")]
    public void Cox_UnknownColumn_Exit2NamingTheColumn(string option, string value)
    {
        var args = new List<string> { "retention", "cox", "--table", Rossi.Value, "--duration", "week", "--event", "arrest", "--covariates", "fin" };
        int k = args.IndexOf(option);
        if (k >= 0)
        {
            args[k + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = CliRun.Of([.. args]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain($"'{value.Split(',')[^1]}'").And.Contain("rossi.csv");
    }

    [Theory]
    [InlineData("1,1\n2,x\n3,0\n", "column 'status'", "'x'")]
    [InlineData("1,1\n-2,1\n", "column 'time'", "'-2'")]
    [InlineData("1,1\n,1\n", "column 'time'", "is missing")]
    public void Km_BadCell_Exit2NamingFileLineAndColumn(string rows, string column, string cell)
    {
        using var dir = new TempDir();
        string path = dir.File("t.csv");
        File.WriteAllText(path, "time,status\n" + rows);

        var run = CliRun.Of("retention", "km", "--table", path, "--duration", "time", "--event", "status");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("t.csv:3").And.Contain(column).And.Contain(cell);
    }

    [Fact]
    public void Uplift_SmallDemo_ResolvedRetainsAtLeastAsWellAndValueScales()
    {
        using var dir = new TempDir();
        CliRun.Of("demo", "--out", dir.Path, "--customers", "1500", "--seed", "4").ExitCode.Should().Be(0);
        string[] args = ["retention", "uplift", "--customers", dir.File("customers.csv"), "--interactions", dir.File("interactions.csv"),
            "--by", "first-contact-resolution", "--horizon", "365d", "--currency", "EUR"];

        var once = Json([.. args, "--value-per-customer", "100"]);
        var twice = Json([.. args, "--value-per-customer", "200"]);

        var uplift = once.GetProperty("retentionUplift");
        uplift.GetProperty("grouping").GetString().Should().Be("first-contact-resolution");
        var groups = uplift.GetProperty("groups").EnumerateArray().ToArray();
        groups.Select(g => g.GetProperty("group").GetString()).Should().Equal("resolved", "unresolved");
        double difference = uplift.GetProperty("difference").GetDouble();
        difference.Should().BeApproximately(groups[0].GetProperty("retention").GetDouble() - groups[1].GetProperty("retention").GetDouble(), 1e-12);
        uplift.GetProperty("differenceLower").GetDouble().Should().BeLessThan(difference);
        uplift.GetProperty("hazardRatio").GetDouble().Should().BeGreaterThan(0);
        var value = once.GetProperty("value");
        value.GetProperty("customersAffected").GetDouble().Should().Be(groups[1].GetProperty("customers").GetInt32());
        value.GetProperty("value").GetProperty("currency").GetString().Should().Be("EUR");
        double amount = value.GetProperty("value").GetProperty("amount").GetDouble();
        amount.Should().BeApproximately(difference * value.GetProperty("customersAffected").GetDouble() * 100, 0.01);
        twice.GetProperty("value").GetProperty("valueUpper").GetProperty("amount").GetDouble()
            .Should().BeApproximately(2 * value.GetProperty("valueUpper").GetProperty("amount").GetDouble(), 0.02);
    }

    [Fact]
    public void Uplift_UnknownGrouping_Exit2()
    {
        using var dir = new TempDir();
        CliRun.Of("demo", "--out", dir.Path, "--customers", "100", "--seed", "4").ExitCode.Should().Be(0);

        var run = CliRun.Of("retention", "uplift", "--customers", dir.File("customers.csv"), "--interactions", dir.File("interactions.csv"), "--by", "mood", "--horizon", "365d");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("'mood'");
    }

    [Fact]
    public void Uplift_EmptyGroup_Exit2NamingTheGroup()
    {
        using var dir = new TempDir();
        CliRun.Of("demo", "--out", dir.Path, "--customers", "5", "--seed", "3").ExitCode.Should().Be(0);

        var run = CliRun.Of("retention", "uplift", "--customers", dir.File("customers.csv"), "--interactions", dir.File("interactions.csv"), "--by", "proactive", "--horizon", "365d");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("'proactive' has no customers");
    }
}
