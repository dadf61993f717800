using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

public class BoardReportBuilderTests(ReportData data) : IClassFixture<ReportData>
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private ReportInputs Inputs => data.Inputs;

    private BoardReport Build() => BoardReportBuilder.Build(AnalysisOf(Inputs));

    /// <summary>The analysis of the tables over the simulated period, as <c>report --time-zone Europe/Amsterdam</c> makes it.</summary>
    private ContactCenterAnalysis AnalysisOf(ReportInputs inputs)
    {
        var tables = ContactCenterData.Create(inputs.Customers, inputs.Interactions, inputs.Purchases, inputs.Touchpoints, inputs.Conversions);
        var window = new ObservationWindow(data.Center.Start, data.Center.End, Amsterdam);
        return ContactCenterAnalysis.Create(tables, window, new AnalysisOptions { Rates = inputs.Rates, RatesSource = inputs.RatesSource ?? "none" });
    }

    [Fact]
    public void Kpis_MonthlyFcr_EqualsTheRollupOfThatMonth()
    {
        var inputs = Inputs;
        var report = BoardReportBuilder.Build(AnalysisOf(inputs));
        var rollup = KpiRollup.Compute(InteractionTable.Create(inputs.Interactions, inputs.Customers), new KpiGrouping(KpiDimensions.None, TimeBucket.Month, Amsterdam));

        // 730 simulated days from 2024-01-01 in Amsterdam: 24 calendar months.
        report.Kpis.Buckets.Should().HaveCount(24);
        report.Kpis.Csat.Name.Should().Be("CSAT (4-5 of 5)", "the default CSAT is top-2 box");
        report.Kpis.Buckets[0].Should().Be(new LocalDate(2024, 1, 1));
        for (int k = 0; k < rollup.Count; k++)
        {
            report.Kpis.Fcr.Values[k].Should().Be(rollup[k].FirstContactResolution.Value);
            report.Kpis.Nps.Values[k].Should().Be(rollup[k].Nps.Value);
        }
    }

    [Fact]
    public void Kpis_MonthlyCsat_EqualsAHandCountOfTheMonthsSurveys()
    {
        var inputs = Inputs;
        var report = BoardReportBuilder.Build(AnalysisOf(inputs));

        // Hand count (KpiOptions.Default: top-2 box): answers of 4 or 5 / answers, of contacts arriving in the local month.
        for (int k = 0; k < report.Kpis.Buckets.Length; k++)
        {
            var month = report.Kpis.Buckets[k];
            var answers = inputs.Interactions
                .Where(i => i.ArrivedAt.InZone(Amsterdam).Date is var d && d.Year == month.Year && d.Month == month.Month)
                .Select(i => i.Survey?.Csat).OfType<int>().ToList();
            double? expected = answers.Count > 0 ? (double)answers.Count(a => a >= 4) / answers.Count : null;
            report.Kpis.Csat.Values[k].Should().BeApproximately(expected, 1e-12, $"CSAT of {month:yyyy-MM}");
        }
    }

    [Fact]
    public void Kpis_ServiceLevel_OnlyForLiveQueuedChannels()
    {
        var report = Build();

        report.Kpis.ServiceLevel.Select(s => s.Name).Should().NotBeEmpty().And.OnlyContain(n => n == "phone" || n == "chat" || n == "messaging" || n == "social",
            "a 20 s target does not apply to email, and self-service has no queue");
        report.Kpis.ServiceLevel.SelectMany(s => s.Values).OfType<double>().Should().OnlyContain(v => v >= 0 && v <= 1);
        report.Kpis.AverageHandleTime.SelectMany(s => s.Values).OfType<double>().Should().OnlyContain(v => v > 0);
    }

    [Fact]
    public void Retention_CurveEndpoints_EqualTheProductLimitByHand()
    {
        var report = Build();
        var r = report.Retention!;

        foreach (var curve in new[] { r.Reference, r.Exposed })
        {
            // Product-limit by hand over the group's rows of the index-date table: S(t) = prod over event times u <= t
            // of (1 - d(u) / n(u)), n(u) = rows with duration >= u (Kaplan & Meier 1958).
            var rows = Enumerable.Range(0, r.Data.Table.Count).Where(i => r.Data.Table.Groups[i] == curve.Group)
                .Select(i => (Time: r.Data.Table.Durations[i], Event: r.Data.Table.Events[i])).ToList();
            double Survival(double t)
            {
                double s = 1;
                foreach (var u in rows.Where(x => x.Event && x.Time <= t).Select(x => x.Time).Distinct())
                {
                    s *= 1 - (double)rows.Count(x => x.Event && x.Time == u) / rows.Count(x => x.Time >= u);
                }
                return s;
            }
            curve.Count.Should().Be(rows.Count);
            curve.Rows[^1].Survival.Should().BeApproximately(Survival(curve.LastTime), 1e-12, $"{curve.Group} at its last time");
            curve.SurvivalAt(365).Should().BeApproximately(Survival(365), 1e-12, $"{curve.Group} at 365 days");
        }
        r.Comparison.Reference.Retention.Should().BeApproximately(r.Reference.SurvivalAt(365), 1e-12);
        r.Comparison.Exposed.Retention.Should().BeApproximately(r.Exposed.SurvivalAt(365), 1e-12);
        // Planted: an unresolved contact multiplies the churn hazard (docs/simulation.md), so resolved customers stay more.
        r.Comparison.Difference.Difference.Should().BePositive();
    }

    [Fact]
    public void Attribution_Credits_AddUpAndServiceAssistsMatchAHandCount()
    {
        var inputs = Inputs;
        var report = BoardReportBuilder.Build(AnalysisOf(inputs));
        var a = report.Attribution!;

        // Both models hand out every conversion (credits sum to the total), and the hostile channel name is kept as data.
        a.Channels.Sum(c => c.Markov).Should().BeApproximately(a.Conversions, 1e-6 * a.Conversions);
        a.Channels.Sum(c => c.LastTouch).Should().BeApproximately(a.Conversions, 1e-9);
        a.Channels.Select(c => c.Channel).Should().Contain(ReportData.Hostile);

        // Hand count on the journeys: converted journeys with a service touch before the last touch.
        var journeys = JourneyBuilder.Build(inputs.Touchpoints, inputs.Conversions, inputs.Interactions, new JourneyOptions { Lookback = a.Lookback });
        var assisted = journeys.Where(j => j.IsConverted && j.Touches.Take(j.Touches.Length - 1).Any(t => t.Channel.StartsWith("service:", StringComparison.Ordinal))).ToList();
        a.ServiceAssisted.Conversions.Should().Be(assisted.Count);
        ((double)a.ServiceAssisted.Value.Amount).Should().BeApproximately(assisted.Sum(j => (double)j.Conversion!.Value.Amount), 1e-6);
        a.ServiceAssisted.Value.Currency.Should().Be(a.Currency);
        a.Conversions.Should().Be(journeys.Count(j => j.IsConverted && j.Touches.Length > 0));
    }

    [Fact]
    public void Clv_Values_SumBySegmentAndTheTopDecileShareIsByHand()
    {
        var analysis = AnalysisOf(Inputs);
        var report = BoardReportBuilder.Build(analysis);
        var v = report.Clv!;

        v.Values.Should().BeInAscendingOrder().And.OnlyContain(x => x >= 0);
        v.Values.Length.Should().Be(Math.Min(v.ActiveCustomers, 2_000));
        v.Segments.Sum(s => s.Customers).Should().Be(v.Values.Length);
        v.Segments.Sum(s => s.Total).Should().Be(v.Values.Sum());
        v.Segments.Select(s => s.Segment).Should().Contain(ReportData.Hostile);
        // Hand: the ceil(n/10) largest values over the sum of all.
        int top = (v.Values.Length + 9) / 10;
        v.TopDecileShare.Should().BeApproximately((double)(v.Values.TakeLast(top).Sum() / v.Values.Sum()), 1e-12);
        // One figure, one value: the report's mean is the analysis's value per customer (the business case's input),
        // which is the mean of the values rounded to cents (hand: sum / n, then Math.Round to 2 decimals).
        v.Mean.Should().Be(analysis.Clv.Value.ValuePerCustomer.Amount);
        v.Mean.Should().Be(Math.Round(v.Values.Sum() / v.Values.Length, 2));
    }

    [Fact]
    public void Cost_ChannelsAndWhaleCurve_ReconcileWithTheCalculator()
    {
        var inputs = Inputs;
        var report = BoardReportBuilder.Build(AnalysisOf(inputs));
        var cost = report.Cost!;

        // The fixture's rates.json (the demo's example rates), read back: the same model the cost command uses, computed directly.
        var direct = ContactMetrics.CostToServe.CostToServeCalculator.Compute(InteractionTable.Create(inputs.Interactions, inputs.Customers), inputs.Rates!);
        cost.Costs.Total.Total.Should().Be(direct.Total.Total);
        cost.Costs.ByChannel.Sum(g => g.Contacts).Should().Be(inputs.Interactions.Count);
        cost.Costs.ByChannel.Select(g => g.Cost.Total.Amount).Sum().Should().Be(direct.Total.Total.Amount, "channel costs add up to the total, to the micro-unit");

        // Hand: each customer's value is their purchases x 30%, rounded to cents; the curve ends at value - cost.
        decimal value = inputs.Purchases.GroupBy(p => p.CustomerId).Sum(g => decimal.Round(g.Sum(p => p.Amount.Amount) * 0.3m, 2));
        cost.Profitability.TotalValue.Amount.Should().Be(value);
        cost.Profitability.WhaleCurve.TotalProfit.Should().Be(cost.Profitability.TotalProfit);
        cost.Profitability.WhaleCurve.Peak.CumulativeProfit.Amount.Should().BeGreaterThanOrEqualTo(cost.Profitability.TotalProfit.Amount);
    }

    [Fact]
    public void BusinessCase_Lines_AreTheProductsOfTheirInputsAndAddUpToTheTotal()
    {
        var report = Build();
        var b = report.BusinessCase!;
        var a = b.Analysis;

        a.Case.Scenario.Should().Be("FCR +5 points");
        a.Lines.Should().HaveCount(2, "repeat contacts avoided and churn avoided");
        foreach (var line in a.Lines)
        {
            // Each line is a product of its inputs at their point values (LineItem.Product), rounded to cents.
            double product = line.Item.Inputs.Aggregate(1.0, (p, i) => p * i.Point);
            ((double)line.Value.Point.Amount).Should().BeApproximately(product, 0.006, line.Item.Name);
            line.Value.P10.Amount.Should().BeLessThanOrEqualTo(line.Value.P50.Amount);
            line.Value.P50.Amount.Should().BeLessThanOrEqualTo(line.Value.P90.Amount);
        }
        a.Total.Point.Amount.Should().Be(a.Lines.Sum(l => l.Value.Point.Amount), "point values add up (the waterfall closes)");
        b.Gain.Point.Should().Be(0.05);
        a.Seed.Should().Be(42);
        a.Tornado[0].Input.Name.Should().Be("FCR gain", "the assumed 3-7 point range is the widest relative range of the inputs");
    }

    [Fact]
    public void BusinessCase_EveryInputAndItsSource_IsInThePage()
    {
        var report = Build();
        string html = HtmlReport.Render(report);

        foreach (var input in report.BusinessCase!.Analysis.Lines.SelectMany(l => l.Item.Inputs))
        {
            html.Should().Contain(HtmlReport.E(input.Name));
            html.Should().Contain(HtmlReport.E(input.Source.Description), $"the source of {input.Name} is cited");
        }
        foreach (var line in report.BusinessCase.Analysis.Lines)
        {
            html.Should().Contain(HtmlReport.E(line.Item.FormulaWithValues));
        }
        html.Should().Contain($"FCR +5 points: {HtmlReport.Money((double)report.BusinessCase.Analysis.Total.Point.Amount, Currency.Eur)} a year");
    }

    [Fact]
    public void TrendChanges_JsonHoldsThePagesChangeAndInterval()
    {
        // One figure, one value: the trend sentences' change and 95% interval are in the analysis JSON (kpiTrendChanges),
        // from the same KpiSeries.Change the page's sentence reads.
        var analysis = AnalysisOf(Inputs);
        var report = BoardReportBuilder.Build(analysis);
        var sheet = new FigureSheet();
        AnalysisFigures.Add(sheet, analysis);
        var rows = System.Text.Json.JsonDocument.Parse(sheet.ToJson()).RootElement.GetProperty(AnalysisFigures.Group).GetProperty("kpiTrendChanges").GetProperty("changes").EnumerateArray().ToList();

        var fcr = report.Kpis.Fcr.Change()!;
        var row = rows.Single(r => r.GetProperty("kpi").GetString() == "fcr");
        row.GetProperty("first").GetDouble().Should().Be(fcr.First);
        row.GetProperty("change").GetDouble().Should().Be(fcr.Difference);
        row.GetProperty("lower").GetDouble().Should().Be(fcr.Lower!.Value);
        row.GetProperty("from").GetString().Should().Be(report.Kpis.Buckets[fcr.FirstBucket].ToString("yyyy-MM-dd", null));
        // Hand: the interval is the difference +- 1.959964 x sqrt(SE first^2 + SE last^2) of the series' own SEs.
        double sa = report.Kpis.Fcr.StandardErrors[fcr.FirstBucket]!.Value, sb = report.Kpis.Fcr.StandardErrors[fcr.LastBucket]!.Value;
        fcr.Upper!.Value.Should().BeApproximately(fcr.Difference + (1.959964 * Math.Sqrt((sa * sa) + (sb * sb))), 1e-6);
        string sentence = HtmlReport.Change("FCR", report.Kpis.Fcr, report.Kpis.Buckets.Select(d => d.ToString("MMM yy", null)).ToList(), HtmlReport.Percent, HtmlReport.ToPoints);
        sentence.Should().Contain((100 * fcr.Lower.Value).ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture));
        rows.Where(r => r.GetProperty("kpi").GetString() == "averageHandleTime").Should().OnlyContain(r => r.GetProperty("lower").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Render_CostSection_NamesChannelsInWords()
    {
        var report = Build();
        string html = HtmlReport.Render(report);

        // The cost sentence, chart and rates name channels as the rest of the page does ("Self service"), not by their
        // schema names (self_service): no word_word in the page's text (scripts, styles and tags left out).
        html.Should().Contain("Rates, Self service (assumed").And.Contain("and least on Self service,");
        string text = System.Text.RegularExpressions.Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>|<[^>]+>", " ", System.Text.RegularExpressions.RegexOptions.Singleline);
        System.Text.RegularExpressions.Regex.Matches(text, @"\b[a-z]+_[a-z]+\b").Select(m => m.Value).Distinct().Should().BeEmpty();
    }

    [Fact]
    public void Build_WithoutRates_LeavesOutTheBusinessCaseAndCostAndSaysWhy()
    {
        var inputs = Inputs with { Rates = null, RatesSource = null };

        var report = BoardReportBuilder.Build(AnalysisOf(inputs));

        report.BusinessCase.Should().BeNull();
        report.Cost.Should().BeNull();
        report.Gaps.Should().Contain(g => g.StartsWith("Business case:")).And.Contain(g => g.StartsWith("Cost-to-serve"));
    }

    [Fact]
    public void Build_WithoutPurchases_LeavesOutClvAndSaysWhy()
    {
        var inputs = Inputs with { Purchases = [] };

        var report = BoardReportBuilder.Build(AnalysisOf(inputs));

        report.Clv.Should().BeNull();
        report.Gaps.Should().ContainSingle(g => g == "Customer value: There are no purchases to value customers on.");
        HtmlReport.Render(report).Should().Contain("Not shown: Customer value: There are no purchases to value customers on.");
    }

    [Fact]
    public void Experience_EveryLineInOneSentence_AndTheFcrTileStatesThePerIssueDefinition()
    {
        var analysis = AnalysisOf(Inputs);
        var report = BoardReportBuilder.Build(analysis);
        string html = HtmlReport.Render(report);

        // The section shows the analysis's lines, each sentence once, escaped (a segment here is named like a script).
        report.Experience.Should().NotBeNull();
        report.Experience!.Lines.Should().Equal(analysis.ExperienceLines);
        report.Experience.Analysis.Should().BeSameAs(analysis.ExperienceCase.Value);
        html.Should().Contain("<section id=\"experience\">");
        foreach (var line in report.Experience.Lines)
        {
            html.Should().Contain(HtmlReport.E(line.Sentence));
        }
        html.Should().NotContain(ReportData.Hostile);
        // The FCR tile: the rollup's own definition (per issue, docs/kpis.md), not "by repeat contacts".
        html.Should().Contain(HtmlReport.E(analysis.Overall.FirstContactResolution.Definition)).And.NotContain("by repeat contacts (the business case");
    }
}
