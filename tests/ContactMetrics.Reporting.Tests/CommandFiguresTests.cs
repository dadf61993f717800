using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

/// <summary>
/// The figure sheets the CLI commands print (<c>kpis</c>, <c>cost</c>, <c>attribution</c>, <c>retention km/cox/uplift</c>,
/// <c>staffing</c>), built by the library so a .NET caller gets the same JSON, checked against hand computations and
/// published values.
/// </summary>
public class CommandFiguresTests(ReportData data) : IClassFixture<ReportData>
{
    private static object? Fact(FigureSheet sheet, string section, string name) =>
        sheet.Sections.Single(s => s.Key == section).Facts.Single(f => f.JsonName == name).Value;

    private static object? Cell(FigureTable table, int row, string column) =>
        table.Rows[row][table.Columns.Select((c, i) => (c, i)).Single(x => x.c.JsonName == column).i];

    private static FigureTable Table(FigureSheet sheet, string section) => sheet.Sections.Single(s => s.Key == section).Table!;

    [Fact]
    public void FigureText_PlainAndReadable_FollowTheOutputConventions()
    {
        // DESIGN.md output conventions: rates as fractions in CSV and as percentages for people; durations as seconds in CSV;
        // no NaN anywhere (empty in CSV, - in tables); numbers below 1 to three significant digits (as R prints 0.0474).
        FigureText.Plain(new Fraction(0.25)).Should().Be("0.25");
        FigureText.Readable(new Fraction(0.1234)).Should().Be("12.3%");
        FigureText.Plain(Duration.FromMinutes(2.5)).Should().Be("150");
        FigureText.Readable(Duration.FromMinutes(2.5)).Should().Be("2.5 min");
        FigureText.Plain(double.NaN).Should().BeEmpty();
        FigureText.Readable(double.NaN).Should().Be("-");
        FigureText.Readable(0.047412).Should().Be("0.0474");
        FigureText.Readable(1234.4).Should().Be("1,234");
        FigureText.Readable(new Money(1234.5m, Currency.Eur)).Should().Be("1,234.50 EUR");
        FigureText.Readable(NotApplicable.Value).Should().Be("n/a");
        // An object fact's JSON keys read as words in a table (camelCase split), one-word keys unchanged.
        FigureText.Readable(new Dictionary<string, object?> { ["customers"] = 2, ["churnsAfterEnd"] = 1_000 }).Should().Be("customers 2, churns after end 1,000");
        FigureText.SnakeCase("costPerContact").Should().Be("cost_per_contact");
        // CWE-1236: a cell a spreadsheet would run as a formula gets an apostrophe.
        FigureText.NeutraliseFormula("=1+1").Should().Be("'=1+1");
        FigureText.NeutraliseFormula("phone").Should().Be("phone");
    }

    [Fact]
    public void SbgFigures_RegularSegment_PublishedFitAndItsProjection()
    {
        // Fader & Hardie (2007), regular segment: alpha = 0.704, beta = 1.182. Retention r(t) = (beta + t - 1) / (alpha + beta + t - 1):
        // r(1) = 1.182 / 1.886 = 0.6267 = S(1); observed S(1) = 63.1 / 100.
        double[] regular = [100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1];
        var fit = ShiftedBetaGeometricModel.Fit(regular);

        var sheet = SbgFigures.Of(fit, regular, 10, 0.1);

        var parameters = (IReadOnlyDictionary<string, object?>)Fact(sheet, "fit", "parameters")!;
        ((double)parameters["alpha"]!).Should().BeApproximately(0.704, 0.0005);
        ((double)parameters["beta"]!).Should().BeApproximately(1.182, 0.0005);
        var periods = Table(sheet, "projection");
        periods.Rows.Should().HaveCount(11, "periods 0 to 10");
        ((Fraction)Cell(periods, 1, "observed")!).Value.Should().BeApproximately(0.631, 1e-12);
        ((Fraction)Cell(periods, 1, "survival")!).Value.Should().BeApproximately(0.6267, 0.0005);
        ((Fraction)Cell(periods, 1, "retentionRate")!).Value.Should().BeApproximately(0.6267, 0.0005);
        Cell(periods, 9, "observed").Should().BeNull("eight counts were observed");
        Cell(periods, 0, "retentionRate").Should().BeNull();
    }

    [Fact]
    public void KpiFigures_OnePhoneGroup_HandComputedKpis()
    {
        // 10 offered, 8 answered (6 within the threshold), 2 abandoned, 8 handled for 2,400 s in all.
        // AHT = 2,400 / 8 = 300 s; service level (f3, the default) = answered within / offered = 6 / 10; abandonment = 2 / 10 queued.
        var counts = KpiCounts.FromCounts(offeredContacts: 10, queuedContacts: 10, answeredContacts: 8, abandonedContacts: 2, answeredWithinThreshold: 6,
            handledContacts: 8, handleMilliseconds: 2_400_000);
        var group = KpiGroup.FromCountsWithKey(counts, KpiOptions.Default, null, Channel.Phone, null, null, null, null, null, null);

        var sheet = KpiFigures.Of([group], KpiDimensions.Channel, bucketed: false, KpiOptions.Default);

        var table = Table(sheet, "kpis");
        table.Columns[0].JsonName.Should().Be("channel", "one key column per dimension, named as --by names it");
        Cell(table, 0, "channel").Should().Be("phone");
        Cell(table, 0, "offered").Should().Be(10L);
        ((double)Cell(table, 0, "ahtSeconds")!).Should().BeApproximately(300, 1e-9);
        ((Fraction)Cell(table, 0, "serviceLevel")!).Value.Should().BeApproximately(0.6, 1e-12);
        ((Fraction)Cell(table, 0, "abandonmentRate")!).Value.Should().BeApproximately(0.2, 1e-12);
        table.Columns.Should().NotContain(c => c.JsonName == "bucketStart", "not bucketed");
        Fact(sheet, "definitions", "serviceLevel").Should().Be(group.ServiceLevel.Definition);
        KpiFigures.DimensionNames["Segment"].Should().Be(KpiDimensions.Segment, "names are case-insensitive");
        // docs/kpis.md: f3 is answered within the threshold / offered.
        KpiFigures.FormulaNames["f3"].Should().Be(ServiceLevelFormula.AnsweredWithinOverOffered);
        KpiFigures.BucketNames["1h"].Should().Be(Tables.TimeBucket.Hour);
        KpiFigures.HandleTimeNames["ACW"].Should().Be(HandleTimeComponents.AfterCallWork);
        KpiFigures.AbandonmentBaseNames["offered"].Should().Be(AbandonmentBase.Offered);
        KpiFigures.FcrBasisNames["contact"].Should().Be(Tables.FcrBasis.Contact);
        KpiFigures.CsatBoxNames["top-box"].Should().Be(CsatBox.TopBox);
    }

    [Fact]
    public void KaplanMeierFigures_FourSubjects_HandComputedCurve()
    {
        // Durations 1, 2, 2+, 3 (2+ censored). Product-limit: S(1) = 3/4; S(2) = 3/4 x 2/3 = 1/2; S(3) = 1/2 x 0/1 = 0.
        // Greenwood at t = 1: S sqrt(d / (n (n - d))) = 0.75 sqrt(1 / 12) = 0.216506. Median: S is exactly 1/2 on [2, 3), so as
        // R's survfit the median is the midpoint of that flat, (2 + 3) / 2 = 2.5.
        var survival = SurvivalTable.FromColumns([1.0, 2, 2, 3], [true, true, false, true]);
        var curves = KaplanMeier.Estimate(survival);

        var sheet = KaplanMeierFigures.Of("t.csv", survival, curves, 0.95, KaplanMeierIntervalType.Log, []);

        Fact(sheet, "kaplanMeier", "rows").Should().Be(4);
        Fact(sheet, "kaplanMeier", "events").Should().Be(3);
        Fact(sheet, "kaplanMeier", "intervalType").Should().Be("log");
        KaplanMeierFigures.IntervalNames["Log-Log"].Should().Be(KaplanMeierIntervalType.LogLog, "names are case-insensitive");
        Fact(KaplanMeierFigures.Of(null, survival, curves, 0.95, KaplanMeierIntervalType.Plain, []), "kaplanMeier", "intervalType").Should().Be("plain");
        var rows = Table(sheet, "survival");
        rows.Rows.Should().HaveCount(3, "one row per event time");
        ((double)Cell(rows, 0, "survival")!).Should().BeApproximately(0.75, 1e-12);
        ((double)Cell(rows, 0, "standardError")!).Should().BeApproximately(0.216506, 1e-6);
        ((double)Cell(rows, 1, "survival")!).Should().BeApproximately(0.5, 1e-12);
        Cell(rows, 1, "atRisk").Should().Be(3);
        ((double)Cell(rows, 2, "survival")!).Should().Be(0);
        ((double)Cell(Table(sheet, "groups"), 0, "median")!).Should().Be(2.5);

        // At t = 2.5: S = 1/2, one subject (duration 3) still at risk, two events up to then.
        var at = Table(KaplanMeierFigures.Of("t.csv", survival, curves, 0.95, KaplanMeierIntervalType.Log, [2.5]), "survival");
        ((double)Cell(at, 0, "survival")!).Should().BeApproximately(0.5, 1e-12);
        Cell(at, 0, "atRisk").Should().Be(1);
        Cell(at, 0, "events").Should().Be(2);
    }

    [Fact]
    public void CoxFigures_Rossi_RsCoefficients()
    {
        string? path = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && path is null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "rossi.csv"));
            }
        }
        var csv = CsvColumnTable.Read(path!);
        string[] names = ["fin", "age", "race", "wexp", "mar", "paro", "prio"];
        var survival = names.Aggregate(csv.ToSurvivalTable(csv.IndexOf("week"), csv.IndexOf("arrest")), (t, n) => t.WithCovariate(n, csv.Numbers(csv.IndexOf(n))));
        CoxProportionalHazards.TryFit(survival, CoxOptions.Default, out var fit).Should().BeTrue();

        var sheet = CoxFigures.Of(path, fit, CoxOptions.Default, null, null, [], []);

        // R 4.x, survival: summary(coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi)):
        // n = 432, events = 114; fin coef -0.37942, exp(coef) 0.68426, se 0.19138, p 0.0474; likelihood ratio test 33.27 on 7 df.
        Fact(sheet, "cox", "observations").Should().Be(432);
        Fact(sheet, "cox", "events").Should().Be(114);
        ((double)Fact(sheet, "cox", "likelihoodRatioChiSquare")!).Should().BeApproximately(33.27, 0.01);
        Fact(sheet, "cox", "degreesOfFreedom").Should().Be(7);
        var coefficients = Table(sheet, "parameters");
        Cell(coefficients, 0, "name").Should().Be("fin");
        ((double)Cell(coefficients, 0, "coefficient")!).Should().BeApproximately(-0.37942, 5e-5);
        ((double)Cell(coefficients, 0, "hazardRatio")!).Should().BeApproximately(0.68426, 5e-5);
        ((double)Cell(coefficients, 0, "standardError")!).Should().BeApproximately(0.19138, 5e-5);
        ((PValue)Cell(coefficients, 0, "pValue")!).Value.Should().BeApproximately(0.0474, 5e-5);
        Fact(sheet, "cox", "aliased").Should().BeNull("nothing was dropped");
        CoxFigures.TiesNames["breslow"].Should().Be(CoxTies.Breslow);
    }

    [Fact]
    public void StaffingFigures_OneErlangTwoAgents_ErlangC()
    {
        // 2 contacts an hour x 30 min = 1 Erlang. Erlang C with N = 2: P(wait) = (A^N/N! x N/(N-A)) / (sum_{k<N} A^k/k! + A^N/N! x N/(N-A))
        // = (1/2 x 2) / (1 + 1 + 1) = 1/3; ASA over answered = P(wait) x AHT / (N - A) = 1/3 x 1800 s = 600 s; occupancy = A / N = 1/2.
        var load = new QueueLoad(2, Duration.FromHours(1), Duration.FromMinutes(30));
        var planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.8, Duration.FromSeconds(20)));

        var sheet = StaffingFigures.Of(load, planner, hasTarget: false, agents: 2);

        Fact(sheet, "staffing", "model").Should().Be("erlang-c");
        ((double)Fact(sheet, "staffing", "trafficErlangs")!).Should().BeApproximately(1, 1e-12);
        Fact(sheet, "staffing", "agents").Should().Be(2);
        Fact(sheet, "staffing", "scheduledAgents").Should().Be(2, "no shrinkage");
        var rows = Table(sheet, "kpisByAgents");
        int two = rows.Rows.Select((r, i) => (r, i)).Single(x => (int)x.r[0]! == 2).i;
        ((Fraction)Cell(rows, two, "probabilityOfWait")!).Value.Should().BeApproximately(1.0 / 3, 1e-12);
        ((double)Cell(rows, two, "averageSpeedOfAnswerSeconds")!).Should().BeApproximately(600, 1e-9);
        ((Fraction)Cell(rows, two, "occupancy")!).Value.Should().BeApproximately(0.5, 1e-12);
        // Agents 2 - 2 .. 2 + 3, at least 1: 1 to 5.
        rows.Rows.Select(r => (int)r[0]!).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void AttributionFigures_TwoPaths_LinearCreditsAndAssists()
    {
        // Paths: a > b converts once for 10 EUR; b converts once for 20 EUR and once not. Linear: a gets 1/2 of the first
        // (0.5 conversions, 5 EUR), b gets 1/2 + 1 = 1.5 conversions and 5 + 20 = 25 EUR: shares 0.25 and 0.75.
        var builder = new PathSummaryBuilder(Currency.Eur);
        builder.Add(["a", "b"], 1, 10, 0);
        builder.Add(["b"], 1, 20, 1);
        var paths = builder.Build();
        var result = new LinearAttribution().Attribute(paths);

        var sheet = AttributionFigures.Of(3, paths, result, null, AssistMetrics.Compute(paths), null);

        Fact(sheet, "attribution", "journeys").Should().Be(3);
        Fact(sheet, "attribution", "conversions").Should().Be(2.0);
        Fact(sheet, "attribution", "nonConvertingJourneys").Should().Be(1.0);
        Fact(sheet, "attribution", "value").Should().Be(new Money(30m, Currency.Eur));
        var credits = Table(sheet, "attribution");
        Cell(credits, 0, "channel").Should().Be("b", "most conversions first");
        ((double)Cell(credits, 0, "conversions")!).Should().BeApproximately(1.5, 1e-12);
        ((Fraction)Cell(credits, 0, "conversionShare")!).Value.Should().BeApproximately(0.75, 1e-12);
        Cell(credits, 0, "value").Should().Be(new Money(25m, Currency.Eur));
        ((Fraction)Cell(credits, 1, "conversionShare")!).Value.Should().BeApproximately(0.25, 1e-12);
        // a is in the first path but not last: one assisted conversion (10 EUR); b is the last touch of both conversions.
        var assists = Table(sheet, "assists");
        int a = Cell(assists, 0, "channel") as string == "a" ? 0 : 1;
        ((double)Cell(assists, a, "assistedConversions")!).Should().Be(1);
        Cell(assists, a, "assistedValue").Should().Be(new Money(10m, Currency.Eur));
        ((double)Cell(assists, 1 - a, "lastTouchConversions")!).Should().Be(2);
        sheet.Sections.Should().NotContain(s => s.Key == "markov", "no Markov fit was given");
        Fact(sheet, "assists", "counting").Should().Be("once");
        Fact(AttributionFigures.Of(3, paths, result, null, AssistMetrics.Compute(paths, AttributionFigures.AssistCountingNames["per-occurrence"]), null), "assists", "counting")
            .Should().Be("per-occurrence");
    }

    [Fact]
    public void CostFigures_ByChannelAndByCustomer_RowsAddUpToTheTotal()
    {
        var result = data.Inputs.Analysis(data.Center.Options.TimeZone, data.Center.End).CostToServe.Value;

        foreach (var dimension in new[] { CostDimension.Channel, CostDimension.Customer })
        {
            var sheet = CostFigures.Of(result, dimension);

            // Each contact is in one group, so the groups' contacts and costs add up to the totals (the note says so).
            var groups = Table(sheet, "cost");
            groups.Rows.Select((_, i) => Convert.ToInt64(Cell(groups, i, "contacts"), System.Globalization.CultureInfo.InvariantCulture)).Sum().Should().Be(result.Contacts);
            var sum = groups.Rows.Select((_, i) => ((Money)Cell(groups, i, "cost")!).Amount).Sum();
            sum.Should().BeApproximately(result.Total.Total.Amount, 0.0001m);
            Fact(sheet, "total", "cost").Should().Be(result.Total.Total);
            Fact(sheet, "total", "currency").Should().Be("EUR");
        }
        Table(CostFigures.Of(result, CostDimension.Channel), "overheads").Rows.Should().ContainSingle("the fixture's rates have one overhead pool");
    }

    [Fact]
    public void UpliftFigures_WithAValuePerCustomer_ValuesTheCustomersKept()
    {
        var analysis = data.Inputs.Analysis(data.Center.Options.TimeZone, data.Center.End);
        var uplift = analysis.Retention.Value.Uplift;
        var c = uplift.Comparison;

        var sheet = UpliftFigures.Of(uplift, analysis.Window.End, new Money(100m, Currency.Eur), null);

        Fact(sheet, "retentionUplift", "grouping").Should().Be("first-contact-resolution");
        Fact(sheet, "retentionUplift", "customersIncluded").Should().Be(uplift.Data.Table.Count);
        ((Fraction)Fact(sheet, "retentionUplift", "difference")!).Value.Should().Be(c.Difference.Difference);
        Cell(Table(sheet, "retentionUplift"), 0, "group").Should().Be(c.Reference.Group, "the reference group first");
        // Customers kept = difference x customers affected (the exposed group when not given); value = kept x 100 EUR.
        Fact(sheet, "value", "customersAffected").Should().Be((double)c.Exposed.Customers);
        var kept = (People)Fact(sheet, "value", "customersKept")!;
        kept.Value.Should().BeApproximately(c.Difference.Difference * c.Exposed.Customers, 1e-9);
        // A table shows people as whole people (#17 item 3: counts of people as integers); JSON keeps the expectation.
        FigureText.Readable(kept).Should().Be(Math.Round(kept.Value, MidpointRounding.AwayFromZero).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        FigureText.Readable(new People(346.72)).Should().Be("347");
        ((Money)Fact(sheet, "value", "value")!).Amount.Should().BeApproximately((decimal)(c.Difference.Difference * c.Exposed.Customers) * 100m, 0.01m);
        ((string)Fact(sheet, "value", "formula")!).Should().Contain("(given)");
        UpliftFigures.Of(uplift, null, null, null).Sections.Should().NotContain(s => s.Key == "value");
        UpliftFigures.ResolutionNames["repeat"].Should().Be(ResolutionSource.RepeatContact);
    }
}
