using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Tables;
using ContactMetrics.Tests.Kpis;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The KPI estimates, service-level counts and definitions, options and counts at the edges Stryker.NET's mutants reached
/// and the Kpis suite did not (issue #14 item 9, docs/testing.md "Kpis"); every expected value is a hand computation.
/// </summary>
public class KpisEstimateMutationTests
{
    /// <summary>z for a 95% two-sided interval: qnorm(0.975) in R.</summary>
    private const double Z95 = 1.959963984540054;

    [Fact]
    public void RateEstimate_CountsAtTheirRangeEnds()
    {
        // 5 of 5 is allowed (the numerator may equal the denominator): 1.0; 0 of 0 has no value and no interval.
        new RateEstimate(5, 5, "d").Value.Should().Be(1.0);
        var none = new RateEstimate(0, 0, "d");
        none.Value.Should().BeNull();
        none.Interval.Should().BeNull();
        none.Estimate.N.Should().Be(0);
        new RateEstimate(0, 5, "d").Value.Should().Be(0.0);
        new RateEstimate(1, 2, "d", 0.9).Interval!.Value.Level.Should().Be(0.9);

        // The text: 849 / 1,000 with its Wilson interval (as tests/ContactMetrics.Tests/Numerics/ResultTextTests.cs states it).
        new RateEstimate(849, 1000, "x").ToString().Should().Be("84.9% [82.5%, 87.0%] = 849/1,000 (x)");
        none.ToString().Should().Be("n/a [n/a] = 0/0 (d)");

        FluentActions.Invoking(() => new RateEstimate(6, 5, "d")).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("numerator").WithMessage("A numerator must be in [0, 5] (the denominator); was 6.*");
        FluentActions.Invoking(() => new RateEstimate(-1, 5, "d")).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numerator");
        FluentActions.Invoking(() => new RateEstimate(0, -1, "d")).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("denominator").WithMessage("A denominator must be at least 0; was -1.*");
        FluentActions.Invoking(() => new RateEstimate(0, 0, null!)).Should().Throw<ArgumentNullException>().WithParameterName("definition");
    }

    [Fact]
    public void MeanEstimate_NoObservations_DropsValueAndInterval()
    {
        var interval = new ConfidenceInterval(300, 324, 0.95, "normal");
        var none = new MeanEstimate(5, 0, "d", interval);
        none.Value.Should().BeNull("a count of 0 has nothing to average");
        none.Interval.Should().BeNull();
        none.Estimate.Point.Should().BeNull();
        var some = new MeanEstimate(312, 1234, "AHT", interval);
        some.Value.Should().Be(312);
        some.Interval.Should().Be(interval);
        some.Count.Should().Be(1234);
        some.Definition.Should().Be("AHT");
        new MeanEstimate(null, 3, "d", interval).Interval.Should().BeNull("no value, no interval");

        // The text: value, interval, n and definition; without an interval none is printed.
        some.ToString().Should().Be("312 [300, 324], n=1,234 (AHT)");
        new MeanEstimate(312, 1234, "AHT").ToString().Should().Be("312, n=1,234 (AHT)");

        FluentActions.Invoking(() => new MeanEstimate(1, -1, "d")).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("count").WithMessage("A count must be at least 0; was -1.*");
        FluentActions.Invoking(() => new MeanEstimate(double.NaN, 1, "d")).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("value").WithMessage("A mean must be finite.*");
        FluentActions.Invoking(() => new MeanEstimate(double.PositiveInfinity, 1, "d")).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new MeanEstimate(1, 1, null!)).Should().Throw<ArgumentNullException>().WithParameterName("definition");
    }

    [Fact]
    public void NpsEstimate_IntervalClippedToPlusMinus100()
    {
        // 9 promoters, 1 passive: p = 0.9, d = 0 -> NPS 90; Var = (0.9 - 0.81) / 10 = 0.009, SE = 100 sqrt(0.009) = 9.4868;
        // 90 + 1.96 x 9.4868 = 108.59 is clipped to 100; the lower end 90 - 18.594 = 71.406 stays.
        var high = new NpsEstimate(9, 1, 0);
        high.Value.Should().BeApproximately(90, 1e-12);
        high.StandardError!.Value.Should().BeApproximately(9.486832980505138, 1e-9);
        high.Interval!.Value.Upper.Should().Be(100);
        high.Interval!.Value.Lower.Should().BeApproximately(90 - (Z95 * 9.486832980505138), 1e-9);
        high.Count.Should().Be(10);
        high.Passives.Should().Be(1);
        // The mirror image: 9 detractors, 1 passive -> -90, lower end clipped to -100.
        var low = new NpsEstimate(0, 1, 9);
        low.Interval!.Value.Lower.Should().Be(-100);
        low.Interval!.Value.Upper.Should().BeApproximately(-90 + (Z95 * 9.486832980505138), 1e-9);
        low.Detractors.Should().Be(9);
        low.Promoters.Should().Be(0);
        // 1 promoter, 2 passives, 1 detractor: NPS 0, Var = (0.25 + 0.25 - 0) / 4 = 0.125, SE = 35.355.
        var even = new NpsEstimate(1, 2, 1, 0.9);
        even.Value.Should().Be(0);
        even.StandardError!.Value.Should().BeApproximately(35.35533905932738, 1e-9);
        even.Interval!.Value.Level.Should().Be(0.9);
        even.Estimate.N.Should().Be(4);
        even.Definition.Should().Be("NPS: % answering 9-10 minus % answering 0-6");

        var none = new NpsEstimate(0, 0, 0);
        none.Value.Should().BeNull();
        none.StandardError.Should().BeNull();
        none.Interval.Should().BeNull();
        none.ToString().Should().Be("NPS n/a: no answers");
        none.Estimate.Method.Should().Be("multinomial normal", "with no interval the estimate names its method itself");


        // The text (as tests/ContactMetrics.Tests/Numerics/ResultTextTests.cs states it): 40.0% - 28.0% = 12; Var = (0.68 - 0.12^2) / 1,000, SE 2.58 points, 12 -/+ 1.96 x 2.58.
        new NpsEstimate(400, 320, 280).ToString().Should().Be("NPS 12 [6.94, 17.1]: 40.0% promoters, 28.0% detractors of 1,000 answers");

        foreach (var (promoters, passives, detractors) in new[] { (-1L, 0L, 0L), (0L, -1L, 0L), (0L, 0L, -1L) })
        {
            FluentActions.Invoking(() => new NpsEstimate(promoters, passives, detractors)).Should().Throw<ArgumentOutOfRangeException>()
                .WithMessage("Answer counts must be at least 0.*");
        }
    }
}

/// <summary>Service-level counts, definitions and formulas at their edges (hand computations from the definitions in docs/kpis.md).</summary>
public class KpisServiceLevelMutationTests
{
    private static readonly Duration Twenty = Duration.FromSeconds(20);

    [Fact]
    public void Counts_Add_EveryField()
    {
        var sum = new ServiceLevelCounts(1, 2, 3, 4, 5, 6, 7, 8) + new ServiceLevelCounts(10, 20, 30, 40, 50, 60, 70, 80);
        sum.Should().Be(new ServiceLevelCounts(11, 22, 33, 44, 55, 66, 77, 88));
    }

    [Fact]
    public void Validate_PartsEqualToTheirWholes_AreAccepted()
    {
        FluentActions.Invoking(() => new ServiceLevelCounts(10, 10, 5, 5, 5, 0, 3, 3).Validate()).Should().NotThrow();
        FluentActions.Invoking(() => new ServiceLevelCounts(0, 0, 0, 0, 0).Validate()).Should().NotThrow();
    }

    public static TheoryData<string, ServiceLevelCounts, string> Inconsistent => new()
    {
        { "Answered", new ServiceLevelCounts(-1, 0, 0, 0, 0), "Answered must be at least 0; was -1." },
        { "Abandoned", new ServiceLevelCounts(0, 0, -1, 0, 0), "Abandoned must be at least 0; was -1." },
        { "FlowOuts", new ServiceLevelCounts(0, 0, 0, 0, 0, -1), "FlowOuts must be at least 0; was -1." },
        { "Callbacks", new ServiceLevelCounts(0, 0, 0, 0, 0, 0, -1), "Callbacks must be at least 0; was -1." },
        { "CallbacksWithin", new ServiceLevelCounts(0, 0, 0, 0, 0, 0, 3, 4), "CallbacksWithin must be in [0, Callbacks = 3]; was 4." },
        { "CallbacksWithin", new ServiceLevelCounts(0, 0, 0, 0, 0, 0, 3, -1), "CallbacksWithin must be in [0, Callbacks = 3]; was -1." },
        { "AnsweredWithin", new ServiceLevelCounts(10, 11, 0, 0, 0), "AnsweredWithin must be in [0, Answered = 10]; was 11." },
        { "AnsweredWithin", new ServiceLevelCounts(10, -1, 0, 0, 0), "AnsweredWithin must be in [0, Answered = 10]; was -1." },
        { "AbandonedWithin", new ServiceLevelCounts(0, 0, 5, 6, 0), "AbandonedWithin must be in [0, Abandoned = 5]; was 6." },
        { "AbandonedWithin", new ServiceLevelCounts(0, 0, 5, -1, 0), "AbandonedWithin must be in [0, Abandoned = 5]; was -1." },
        { "ShortAbandons", new ServiceLevelCounts(0, 0, 5, 0, 6), "ShortAbandons must be in [0, Abandoned = 5]; was 6." },
        { "ShortAbandons", new ServiceLevelCounts(0, 0, 5, 0, -1), "ShortAbandons must be in [0, Abandoned = 5]; was -1." },
    };

    [Theory]
    [MemberData(nameof(Inconsistent))]
    public void Validate_InconsistentCount_ThrowsNamingIt(string name, ServiceLevelCounts counts, string message)
    {
        FluentActions.Invoking(counts.Validate).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName(name).WithMessage(message + "*");
    }

    [Fact]
    public void Definition_RangeEnds_AndDefaults()
    {
        var definition = new ServiceLevelDefinition(ServiceLevelFormula.Genesys, Twenty, Duration.Zero, includeFlowOuts: true, excludeShortAbandons: true);
        definition.ShortAbandonThreshold.Should().Be(Duration.Zero, "a short-abandon threshold of 0 is allowed");
        definition.IncludeFlowOuts.Should().BeTrue();
        definition.ExcludeShortAbandons.Should().BeTrue();
        definition.Threshold.Should().Be(Twenty);
        var plain = new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverAnswered, Duration.FromMilliseconds(1));
        plain.ShortAbandonThreshold.Should().Be(Duration.FromSeconds(5), "5 s by default");
        plain.IncludeFlowOuts.Should().BeFalse();
        plain.ExcludeShortAbandons.Should().BeFalse();

        FluentActions.Invoking(() => new ServiceLevelDefinition((ServiceLevelFormula)0, Twenty)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("formula").WithMessage("Not a defined service-level formula.*");
        FluentActions.Invoking(() => new ServiceLevelDefinition((ServiceLevelFormula)8, Twenty)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ServiceLevelDefinition(ServiceLevelFormula.Genesys, Duration.Zero)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("threshold").WithMessage("A service-level threshold must be positive; was 0 s.*");
        FluentActions.Invoking(() => new ServiceLevelDefinition(ServiceLevelFormula.Genesys, Twenty, Duration.FromSeconds(-1))).Should()
            .Throw<ArgumentOutOfRangeException>().WithParameterName("shortAbandonThreshold").WithMessage("A short-abandon threshold must be at least 0; was -1 s.*");
    }

    [Fact]
    public void Describe_EveryFormula()
    {
        string Describe(ServiceLevelFormula f, bool flowOuts = false, bool noShort = false) =>
            new ServiceLevelDefinition(f, Duration.FromMilliseconds(20_500), Duration.FromSeconds(4), flowOuts, noShort).Describe();

        Describe(ServiceLevelFormula.AnsweredOrAbandonedWithinOverOffered).Should().Be("F1: (answered within 20.5 s + abandoned within 20.5 s) / (answered + abandoned)");
        Describe(ServiceLevelFormula.AnsweredWithinOverAnswered).Should().Be("F2: answered within 20.5 s / answered");
        Describe(ServiceLevelFormula.AnsweredWithinOverOffered).Should().Be("F3: answered within 20.5 s / (answered + abandoned)");
        Describe(ServiceLevelFormula.AnsweredWithinOverAnsweredAndLateAbandons).Should().Be("F4: answered within 20.5 s / (answered + abandoned after 20.5 s)");
        Describe(ServiceLevelFormula.AnsweredWithinOrShortAbandonOverOffered).Should().Be("F5: (answered within 20.5 s + abandoned within 4 s) / (answered + abandoned)");
        Describe(ServiceLevelFormula.Genesys).Should().Be("Genesys: answered within 20.5 s / (answered + abandoned)");
        Describe(ServiceLevelFormula.Genesys, flowOuts: true, noShort: true).Should().Be("Genesys: answered within 20.5 s / (answered + abandoned + flow-outs - abandoned within 4 s)");
        Describe(ServiceLevelFormula.AmazonConnect).Should().Be("Amazon Connect: (answered + abandoned + callbacks) within 20.5 s / queued (answered + abandoned + flow-outs + callbacks)");
    }

    [Fact]
    public void Compute_EveryFormula_FromOneSetOfCounts()
    {
        // 10 answered (8 within), 4 abandoned (1 within, 2 short), 3 flow-outs, 5 callbacks (2 within).
        var counts = new ServiceLevelCounts(10, 8, 4, 1, 2, 3, 5, 2);
        (long, long) Rate(ServiceLevelFormula f, bool flowOuts = false, bool noShort = false)
        {
            var r = ServiceLevel.Compute(counts, new ServiceLevelDefinition(f, Twenty, includeFlowOuts: flowOuts, excludeShortAbandons: noShort), 0.9);
            r.Interval!.Value.Level.Should().Be(0.9);
            return (r.Numerator, r.Denominator);
        }

        Rate(ServiceLevelFormula.AnsweredOrAbandonedWithinOverOffered).Should().Be((9, 14)); // (8 + 1) / (10 + 4)
        Rate(ServiceLevelFormula.AnsweredWithinOverAnswered).Should().Be((8, 10));
        Rate(ServiceLevelFormula.AnsweredWithinOverOffered).Should().Be((8, 14));
        Rate(ServiceLevelFormula.AnsweredWithinOverAnsweredAndLateAbandons).Should().Be((8, 13)); // 10 + 4 - 1
        Rate(ServiceLevelFormula.AnsweredWithinOrShortAbandonOverOffered).Should().Be((10, 14)); // 8 + 2
        Rate(ServiceLevelFormula.Genesys).Should().Be((8, 14));
        Rate(ServiceLevelFormula.Genesys, flowOuts: true).Should().Be((8, 17)); // 14 + 3
        Rate(ServiceLevelFormula.Genesys, noShort: true).Should().Be((8, 12)); // 14 - 2
        Rate(ServiceLevelFormula.AmazonConnect).Should().Be((11, 22)); // (8 + 1 + 2) / (14 + 3 + 5)
        ServiceLevel.Compute(counts, new ServiceLevelDefinition(ServiceLevelFormula.AmazonConnect, Twenty)).Interval!.Value.Level.Should().Be(0.95);
        FluentActions.Invoking(() => ServiceLevel.Compute(counts, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ServiceLevel.Compute(new ServiceLevelCounts(1, 2, 0, 0, 0), new ServiceLevelDefinition(ServiceLevelFormula.Genesys, Twenty)))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("AnsweredWithin");
    }
}

/// <summary>The KPI options at their range ends and defaults (docs/kpis.md).</summary>
public class KpisOptionsMutationTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var o = new KpiOptions();
        o.ServiceLevel.Formula.Should().Be(ServiceLevelFormula.AnsweredWithinOverOffered);
        o.ServiceLevel.Threshold.Should().Be(Duration.FromSeconds(20));
        o.HandleTime.Should().Be(HandleTimeComponents.All);
        o.AbandonmentBase.Should().Be(AbandonmentBase.Queued);
        o.ExcludeShortAbandons.Should().BeFalse();
        o.Repeat.Should().Be(new RepeatContactOptions());
        o.Csat.Should().Be(CsatBox.TopTwoBox);
        o.ConfidenceLevel.Should().Be(0.95);
        o.ResponseTarget.Should().Be(Duration.FromHours(24));
        KpiOptions.Default.Should().Be(o);
    }

    [Fact]
    public void Arguments_AreKept()
    {
        var sl = new ServiceLevelDefinition(ServiceLevelFormula.Genesys, Duration.FromSeconds(30));
        var repeat = new RepeatContactOptions(Duration.FromDays(3));
        var o = new KpiOptions(sl, HandleTimeComponents.Hold, AbandonmentBase.Offered, true, repeat, CsatBox.TopBox, 0.8, Duration.FromMilliseconds(1));
        o.ServiceLevel.Should().BeSameAs(sl);
        o.HandleTime.Should().Be(HandleTimeComponents.Hold);
        o.AbandonmentBase.Should().Be(AbandonmentBase.Offered);
        o.ExcludeShortAbandons.Should().BeTrue();
        o.Repeat.Should().BeSameAs(repeat);
        o.Csat.Should().Be(CsatBox.TopBox);
        o.ConfidenceLevel.Should().Be(0.8);
        o.ResponseTarget.Should().Be(Duration.FromMilliseconds(1), "the smallest positive target is allowed");
    }

    [Fact]
    public void OutOfRange_ThrowsNamingTheArgument()
    {
        foreach (var handleTime in new[] { (HandleTimeComponents)0, (HandleTimeComponents)8, (HandleTimeComponents)9 })
        {
            FluentActions.Invoking(() => new KpiOptions(handleTime: handleTime)).Should().Throw<ArgumentOutOfRangeException>()
                .WithParameterName("handleTime").WithMessage("Handle time needs at least one of talk, hold and after-call work.*");
        }
        FluentActions.Invoking(() => new KpiOptions(abandonmentBase: (AbandonmentBase)2)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("abandonmentBase").WithMessage("Not a defined abandonment base.*");
        FluentActions.Invoking(() => new KpiOptions(csat: (CsatBox)0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("csat").WithMessage("Not a defined CSAT box.*");
        FluentActions.Invoking(() => new KpiOptions(confidenceLevel: 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidenceLevel");
        FluentActions.Invoking(() => new KpiOptions(confidenceLevel: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidenceLevel");
        FluentActions.Invoking(() => new KpiOptions(responseTarget: Duration.Zero)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("responseTarget").WithMessage("A response target must be positive; was 0 s.*");
    }
}

/// <summary>KPI counts from their values, merged, compared, and the response-time buckets at their bounds.</summary>
public class KpisCountsMutationTests
{
    private static KpiCounts Numbered() => KpiCounts.FromCounts(
        offeredContacts: 1, queuedContacts: 2, answeredContacts: 3, abandonedContacts: 4, answeredWithinThreshold: 5, abandonedWithinThreshold: 6,
        shortAbandonedContacts: 7, containedContacts: 8, handledContacts: 9, handleMilliseconds: 10, talkMilliseconds: 11, holdMilliseconds: 12,
        afterCallWorkMilliseconds: 13, waitAnsweredMilliseconds: 14, waitAbandonedMilliseconds: 15, transferredContacts: 16, resolvedFlagged: 17,
        resolvedTrue: 18, fcrEligibleContacts: 40, resolvedFirstTime: 19, repeatContacts: 20, csatHistogram: [21, 22, 23, 24, 25],
        npsHistogram: [30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40], cesHistogram: [41, 42, 43, 44, 45, 46, 47], issuesResolvedFirstTime: 20,
        asynchronousContacts: 50, asynchronousAnswered: 51, responseMilliseconds: 52, answeredWithinResponseTarget: 53,
        responseTimeHistogram: [60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76]);

    [Fact]
    public void FromCounts_EveryValue_ReadsBackFromItsProperty()
    {
        var c = Numbered();
        new long[]
        {
            c.OfferedContacts, c.QueuedContacts, c.AnsweredContacts, c.AbandonedContacts, c.AnsweredWithinThreshold, c.AbandonedWithinThreshold,
            c.ShortAbandonedContacts, c.ContainedContacts, c.HandledContacts, c.HandleMilliseconds, c.TalkMilliseconds, c.HoldMilliseconds,
            c.AfterCallWorkMilliseconds, c.WaitAnsweredMilliseconds, c.WaitAbandonedMilliseconds, c.TransferredContacts, c.ResolvedFlagged,
            c.ResolvedTrue, c.FcrEligibleContacts, c.ResolvedFirstTime, c.RepeatContacts, c.Issues, c.IssuesResolvedFirstTime,
            c.AsynchronousContacts, c.AsynchronousAnswered, c.ResponseMilliseconds, c.AnsweredWithinResponseTarget,
        }.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 40, 19, 20, 20, 20, 50, 51, 52, 53);
        c.CsatHistogram.ToArray().Should().Equal(21, 22, 23, 24, 25);
        c.NpsHistogram.ToArray().Should().Equal(30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40);
        c.CesHistogram.ToArray().Should().Equal(41, 42, 43, 44, 45, 46, 47);
        c.ResponseTimeHistogram.ToArray().Should().Equal(60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76);
        KpiCounts.Empty.Raw.ToArray().Should().OnlyContain(v => v == 0).And.HaveCount(KpiCounts.Slots);
    }

    public static TheoryData<string> CountArguments => new()
    {
        "offeredContacts", "queuedContacts", "answeredContacts", "abandonedContacts", "answeredWithinThreshold", "abandonedWithinThreshold",
        "shortAbandonedContacts", "containedContacts", "handledContacts", "handleMilliseconds", "talkMilliseconds", "holdMilliseconds",
        "afterCallWorkMilliseconds", "waitAnsweredMilliseconds", "waitAbandonedMilliseconds", "transferredContacts", "resolvedFlagged",
        "resolvedTrue", "fcrEligibleContacts", "resolvedFirstTime", "repeatContacts", "asynchronousContacts", "asynchronousAnswered",
        "responseMilliseconds", "answeredWithinResponseTarget",
    };

    [Theory]
    [MemberData(nameof(CountArguments))]
    public void FromCounts_NegativeArgument_ThrowsNamingIt(string name)
    {
        // Each argument -1 in turn, by name (the others 0): fcrEligibleContacts -1 with 0 repeats and 0 issues resolved
        // would also break the issue rule, but the count check comes first.
        Func<KpiCounts> call = name switch
        {
            "offeredContacts" => () => KpiCounts.FromCounts(offeredContacts: -1),
            "queuedContacts" => () => KpiCounts.FromCounts(queuedContacts: -1),
            "answeredContacts" => () => KpiCounts.FromCounts(answeredContacts: -1),
            "abandonedContacts" => () => KpiCounts.FromCounts(abandonedContacts: -1),
            "answeredWithinThreshold" => () => KpiCounts.FromCounts(answeredWithinThreshold: -1),
            "abandonedWithinThreshold" => () => KpiCounts.FromCounts(abandonedWithinThreshold: -1),
            "shortAbandonedContacts" => () => KpiCounts.FromCounts(shortAbandonedContacts: -1),
            "containedContacts" => () => KpiCounts.FromCounts(containedContacts: -1),
            "handledContacts" => () => KpiCounts.FromCounts(handledContacts: -1),
            "handleMilliseconds" => () => KpiCounts.FromCounts(handleMilliseconds: -1),
            "talkMilliseconds" => () => KpiCounts.FromCounts(talkMilliseconds: -1),
            "holdMilliseconds" => () => KpiCounts.FromCounts(holdMilliseconds: -1),
            "afterCallWorkMilliseconds" => () => KpiCounts.FromCounts(afterCallWorkMilliseconds: -1),
            "waitAnsweredMilliseconds" => () => KpiCounts.FromCounts(waitAnsweredMilliseconds: -1),
            "waitAbandonedMilliseconds" => () => KpiCounts.FromCounts(waitAbandonedMilliseconds: -1),
            "transferredContacts" => () => KpiCounts.FromCounts(transferredContacts: -1),
            "resolvedFlagged" => () => KpiCounts.FromCounts(resolvedFlagged: -1),
            "resolvedTrue" => () => KpiCounts.FromCounts(resolvedTrue: -1),
            "fcrEligibleContacts" => () => KpiCounts.FromCounts(fcrEligibleContacts: -1),
            "resolvedFirstTime" => () => KpiCounts.FromCounts(resolvedFirstTime: -1),
            "repeatContacts" => () => KpiCounts.FromCounts(repeatContacts: -1),
            "asynchronousContacts" => () => KpiCounts.FromCounts(asynchronousContacts: -1),
            "asynchronousAnswered" => () => KpiCounts.FromCounts(asynchronousAnswered: -1),
            "responseMilliseconds" => () => KpiCounts.FromCounts(responseMilliseconds: -1),
            _ => () => KpiCounts.FromCounts(answeredWithinResponseTarget: -1),
        };
        call.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name).WithMessage("A count or sum must be at least 0; was -1.*");
    }

    [Fact]
    public void FromCounts_IssuesAndHistograms_AtTheirLimits()
    {
        // 5 eligible contacts, 2 repeats -> 3 issues: 3 resolved first time is the most allowed.
        KpiCounts.FromCounts(fcrEligibleContacts: 5, repeatContacts: 2, issuesResolvedFirstTime: 3).Issues.Should().Be(3);
        FluentActions.Invoking(() => KpiCounts.FromCounts(fcrEligibleContacts: 5, repeatContacts: 2, issuesResolvedFirstTime: 4)).Should()
            .Throw<ArgumentOutOfRangeException>().WithParameterName("issuesResolvedFirstTime")
            .WithMessage("Issues resolved first time cannot exceed the issues (eligible contacts 5 - repeats 2).*");
        FluentActions.Invoking(() => KpiCounts.FromCounts(issuesResolvedFirstTime: -1)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("issuesResolvedFirstTime");

        FluentActions.Invoking(() => KpiCounts.FromCounts(csatHistogram: [1, 2, 3, 4])).Should().Throw<ArgumentException>()
            .WithParameterName("csatHistogram").WithMessage("The histogram needs 5 values (one per score) or none; got 4.*");
        FluentActions.Invoking(() => KpiCounts.FromCounts(npsHistogram: [1, 2])).Should().Throw<ArgumentException>().WithParameterName("npsHistogram");
        FluentActions.Invoking(() => KpiCounts.FromCounts(cesHistogram: [0, 0, 0, -1, 0, 0, 0])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("cesHistogram");
        FluentActions.Invoking(() => KpiCounts.FromCounts(responseTimeHistogram: new long[16])).Should().Throw<ArgumentException>()
            .WithParameterName("responseTimeHistogram");
        FluentActions.Invoking(() => new KpiCounts(new long[3])).Should().Throw<ArgumentException>()
            .WithMessage($"KPI counts need {KpiCounts.Slots} slots; got 3.*");
    }

    [Fact]
    public void ResponseBuckets_UpperBoundsAreInclusive()
    {
        // Buckets end at 5 min (300,000 ms), 15 min, ..., 72 h (259,200,000 ms) and 7 days (604,800,000 ms), inclusive; the 17th is open.
        KpiCounts.ResponseBucket(0).Should().Be(0);
        KpiCounts.ResponseBucket(300_000).Should().Be(0);
        KpiCounts.ResponseBucket(300_001).Should().Be(1);
        KpiCounts.ResponseBucket(604_800_000).Should().Be(15);
        KpiCounts.ResponseBucket(604_800_001).Should().Be(16);
        KpiCounts.ResponseBucketRange(0).Should().Be((0L, (long?)300_000));
        KpiCounts.ResponseBucketRange(1).Should().Be((300_000L, (long?)900_000));
        KpiCounts.ResponseBucketRange(15).Should().Be((259_200_000L, (long?)604_800_000));
        KpiCounts.ResponseBucketRange(16).Should().Be((604_800_000L, (long?)null));
        KpiCounts.ResponseTimeBucketBounds[0].Should().Be(Duration.FromMinutes(5));
        KpiCounts.ResponseTimeBucketBounds[^1].Should().Be(Duration.FromDays(7));
    }

    [Fact]
    public void Add_Equals_AndHash()
    {
        var a = KpiCounts.FromCounts(offeredContacts: 3, npsHistogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
        var b = KpiCounts.FromCounts(offeredContacts: 4, responseMilliseconds: 7);
        var sum = a + b;
        sum.OfferedContacts.Should().Be(7);
        sum.ResponseMilliseconds.Should().Be(7);
        sum.NpsHistogram[10].Should().Be(2);
        a.Add(b).Should().Be(sum);
        sum.Equals(KpiCounts.FromCounts(offeredContacts: 7, responseMilliseconds: 7, npsHistogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2])).Should().BeTrue();
        sum.Equals(a).Should().BeFalse();
        sum.Equals((object)"counts").Should().BeFalse();
        sum.Equals((object)(b + a)).Should().BeTrue();
        sum.GetHashCode().Should().Be((b + a).GetHashCode());
        sum.GetHashCode().Should().NotBe(a.GetHashCode());
        FluentActions.Invoking(() => a + null!).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => null! + a).Should().Throw<ArgumentNullException>();
        sum.Equals((KpiCounts?)null).Should().BeFalse();
    }
}

/// <summary>The KPIs of one group from counts (KpiGroup.FromCounts), every figure a hand computation from the counts.</summary>
public class KpisGroupMutationTests
{
    private const string LiveOnly = "live queued channels only (phone, chat, messaging, social; email is measured by response time)";

    [Fact]
    public void FromCountsWithKey_KeepsTheKey_AndChecksItsArguments()
    {
        var start = new LocalDateTime(2025, 3, 3, 0, 0).InUtc();
        var g = KpiGroup.FromCountsWithKey(KpiCounts.Empty, KpiOptions.Default, "A1", ContactMetrics.Domain.Channel.Chat, ContactMetrics.Domain.Direction.Outbound, "q1", "billing", "smb",
            start, Duration.FromDays(1));
        (g.Agent, g.Channel, g.Direction, g.Queue, g.Reason, g.Segment, g.BucketStart, g.BucketLength).Should()
            .Be(("A1", ContactMetrics.Domain.Channel.Chat, ContactMetrics.Domain.Direction.Outbound, "q1", "billing", "smb", start, Duration.FromDays(1)));
        FluentActions.Invoking(() => KpiGroup.FromCountsWithKey(null!, KpiOptions.Default, null, null, null, null, null, null, null, null))
            .Should().Throw<ArgumentNullException>().WithParameterName("counts");
        FluentActions.Invoking(() => KpiGroup.FromCountsWithKey(KpiCounts.Empty, null!, null, null, null, null, null, null, null, null))
            .Should().Throw<ArgumentNullException>().WithParameterName("options");
        FluentActions.Invoking(() => KpiGroup.FromCounts(null!)).Should().Throw<ArgumentNullException>().WithParameterName("counts");
        var ungrouped = KpiGroup.FromCounts(KpiCounts.Empty);
        (ungrouped.Agent, ungrouped.Channel, ungrouped.Direction, ungrouped.Queue, ungrouped.Reason, ungrouped.Segment).Should()
            .Be(((string?)null, (ContactMetrics.Domain.Channel?)null, (ContactMetrics.Domain.Direction?)null, (string?)null, (string?)null, (string?)null));
    }

    [Fact]
    public void Means_OverTheirPopulations_WithTheirDefinitions()
    {
        // 4 answered waiting 40 s in all, 1 abandoned after 20 s: ASA 40 / 4 = 10 s, over all 5 queued (40 + 20) / 5 = 12 s.
        // 2 handled: talk 300 s, hold 60 s, ACW 40 s -> AHT (talk + hold + ACW) = 400 / 2 = 200 s; hold only 60 / 2 = 30 s.
        // 3 emails answered in 9,000 s in all -> 3,000 s.
        var counts = KpiCounts.FromCounts(queuedContacts: 5, answeredContacts: 4, abandonedContacts: 1, waitAnsweredMilliseconds: 40_000,
            waitAbandonedMilliseconds: 20_000, handledContacts: 2, handleMilliseconds: 400_000, talkMilliseconds: 300_000, holdMilliseconds: 60_000,
            afterCallWorkMilliseconds: 40_000, asynchronousContacts: 4, asynchronousAnswered: 3, responseMilliseconds: 9_000_000);
        var g = KpiGroup.FromCounts(counts);
        g.AverageSpeedOfAnswer.Value.Should().BeApproximately(10, 1e-12);
        g.AverageSpeedOfAnswer.Count.Should().Be(4);
        g.AverageSpeedOfAnswer.Definition.Should().Be($"ASA (answered): wait of answered contacts / answered contacts, seconds; {LiveOnly}");
        g.AverageWaitAllContacts.Value.Should().BeApproximately(12, 1e-12);
        g.AverageWaitAllContacts.Count.Should().Be(5);
        g.AverageWaitAllContacts.Definition.Should().Be($"ASA (all contacts): (wait of answered + time to abandon) / queued contacts, seconds; {LiveOnly}");
        g.AverageHandleTime.Value.Should().BeApproximately(200, 1e-12);
        g.AverageHandleTime.Count.Should().Be(2);
        g.AverageHandleTime.Definition.Should().Be("AHT: (talk + hold + after-call work) / handled contacts, seconds");
        KpiGroup.FromCounts(counts, new KpiOptions(handleTime: HandleTimeComponents.Hold)).AverageHandleTime.Definition.Should()
            .Be("AHT: (hold) / handled contacts, seconds");
        g.AverageResponseTime.Value.Should().BeApproximately(3000, 1e-12);
        g.AverageResponseTime.Count.Should().Be(3);
        g.AverageResponseTime.Definition.Should().Be("response time (asynchronous channels: email): (answered - arrived) of answered contacts / answered contacts, seconds");

        var empty = KpiGroup.FromCounts(KpiCounts.Empty);
        empty.AverageSpeedOfAnswer.Value.Should().BeNull();
        empty.AverageWaitAllContacts.Value.Should().BeNull();
        empty.AverageHandleTime.Value.Should().BeNull();
        empty.AverageResponseTime.Value.Should().BeNull();
    }

    [Fact]
    public void Rates_CountsDefinitionsAndLevel()
    {
        // 10 offered: 6 queued (4 answered, 3 within 20 s; 2 abandoned, 1 short), 3 emails (2 within 1.5 h), 1 contained.
        // 5 handled: 2 transferred; 4 flagged, 3 resolved. 8 eligible, 2 repeats -> 6 issues, 4 resolved first time; 5 contacts with no repeat after.
        var counts = KpiCounts.FromCounts(offeredContacts: 10, queuedContacts: 6, answeredContacts: 4, answeredWithinThreshold: 3, abandonedContacts: 2,
            shortAbandonedContacts: 1, asynchronousContacts: 3, answeredWithinResponseTarget: 2, containedContacts: 1, handledContacts: 5,
            transferredContacts: 2, resolvedFlagged: 4, resolvedTrue: 3, fcrEligibleContacts: 8, repeatContacts: 2, issuesResolvedFirstTime: 4,
            resolvedFirstTime: 5);
        var options = new KpiOptions(confidenceLevel: 0.9, responseTarget: Duration.FromMinutes(90));
        var g = KpiGroup.FromCounts(counts, options);

        Check(g.ServiceLevel, 3, 6, $"F3: answered within 20 s / (answered + abandoned); {LiveOnly}");
        Check(g.ResponseWithinTarget, 2, 3, "response within target (asynchronous channels: email): answered within 1.5 h / received");
        Check(g.AbandonmentRate, 2, 6, $"abandoned / queued; {LiveOnly}");
        Check(g.TransferRate, 2, 5, "transferred at least once / handled");
        Check(g.FirstContactResolutionFlag, 3, 4, "FCR (resolved flag): flagged resolved / handled contacts with a flag");
        Check(g.FirstContactResolution, 4, 6, $"FCR (repeat contacts): issues with no repeat / issues, {options.Repeat.Describe()}");
        Check(g.RepeatContactRate, 2, 6, $"repeat contacts: issues with a repeat / issues, {options.Repeat.Describe()}");

        // Offered base: offered - email = 10 - 3 = 7 (live queued and self-service): 2 / 7; without the short abandon 1 / 6.
        var offered = new KpiOptions(abandonmentBase: AbandonmentBase.Offered, confidenceLevel: 0.9);
        Check(KpiGroup.FromCounts(counts, offered).AbandonmentRate, 2, 7, $"abandoned / offered (live queued and self-service); {LiveOnly}");
        var offeredNoShort = new KpiOptions(abandonmentBase: AbandonmentBase.Offered, excludeShortAbandons: true, confidenceLevel: 0.9);
        Check(KpiGroup.FromCounts(counts, offeredNoShort).AbandonmentRate, 1, 6,
            $"abandoned / offered (live queued and self-service) (short abandons within 5 s left out); {LiveOnly}");

        // Per contact: 5 of 8 eligible contacts had no repeat after them; 2 of 8 were repeats.
        var perContact = new KpiOptions(repeat: new RepeatContactOptions(basis: FcrBasis.Contact), confidenceLevel: 0.9);
        var c = KpiGroup.FromCounts(counts, perContact);
        Check(c.FirstContactResolution, 5, 8,
            $"FCR (repeat contacts): handled inbound contacts with no repeat / handled inbound contacts, {perContact.Repeat.Describe()}");
        Check(c.RepeatContactRate, 2, 8,
            $"repeat contacts: handled inbound contacts that repeat an earlier one / handled inbound contacts, {perContact.Repeat.Describe()}");
    }

    private static void Check(RateEstimate rate, long numerator, long denominator, string definition)
    {
        rate.Numerator.Should().Be(numerator);
        rate.Denominator.Should().Be(denominator);
        rate.Definition.Should().Be(definition);
        rate.Interval!.Value.Level.Should().Be(0.9);
    }

    [Fact]
    public void Surveys_FromHistograms()
    {
        // CSAT one answer per score 1-5: top box 1 / 5, top two 2 / 5. NPS answers 1 per score 0-6 (7 detractors), 2 per 7-8 (4 passives),
        // 3 per 9-10 (6 promoters): (6 - 7) / 17 = -5.88. CES one answer per score 1-7: mean 4, 5-7 share 3 / 7.
        var counts = KpiCounts.FromCounts(csatHistogram: [1, 1, 1, 1, 1], npsHistogram: [1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3], cesHistogram: [1, 1, 1, 1, 1, 1, 1]);
        var g = KpiGroup.FromCounts(counts, new KpiOptions(confidenceLevel: 0.9));
        Check(g.Csat, 2, 5, "CSAT: answers of 4-5 / answers (1-5)");
        Check(KpiGroup.FromCounts(counts, new KpiOptions(csat: CsatBox.TopBox, confidenceLevel: 0.9)).Csat, 1, 5, "CSAT: answers of 5 / answers (1-5)");
        (g.Nps.Promoters, g.Nps.Passives, g.Nps.Detractors).Should().Be((6L, 4L, 7L));
        g.Nps.Value.Should().BeApproximately(100.0 * (6 - 7) / 17, 1e-12);
        g.Nps.Interval!.Value.Level.Should().Be(0.9);
        g.CesMean.Value.Should().BeApproximately(4, 1e-12);
        g.CesMean.Count.Should().Be(7);
        g.CesMean.Definition.Should().Be("CES: mean answer (1-7)");
        Check(g.CesEffortShare, 3, 7, "CES: answers of 5-7 / answers (1-7)");
    }

    [Fact]
    public void CesMean_OneAnswerHasNoInterval_TwoHaveTheNormalOne()
    {
        // One answer of 6: mean 6, no spread to estimate.
        var one = KpiGroup.FromCounts(KpiCounts.FromCounts(cesHistogram: [0, 0, 0, 0, 0, 1, 0])).CesMean;
        one.Value.Should().Be(6);
        one.Interval.Should().BeNull();
        // Answers 1 and 7: mean 4, sample variance ((1 - 4)^2 + (7 - 4)^2) / 1 = 18, SE sqrt(18 / 2) = 3; 95%: 4 -/+ 1.95996 x 3.
        var two = KpiGroup.FromCounts(KpiCounts.FromCounts(cesHistogram: [1, 0, 0, 0, 0, 0, 1])).CesMean;
        two.Value.Should().Be(4);
        two.Interval!.Value.Lower.Should().BeApproximately(-1.8798919536201621, 1e-12);
        two.Interval!.Value.Upper.Should().BeApproximately(9.879891953620163, 1e-12);
        two.Interval!.Value.Method.Should().Be("normal");
        KpiGroup.FromCounts(KpiCounts.Empty).CesMean.Count.Should().Be(0);
    }

    [Fact]
    public void ResponseTimePercentile_EndsAndEmptyBuckets()
    {
        // Two responses in (5, 15] min, nothing in the first bucket: p = 0 is the start of the first non-empty bucket, 5 min = 300 s.
        var g = KpiGroup.FromCounts(KpiCounts.FromCounts(asynchronousContacts: 2, asynchronousAnswered: 2,
            responseTimeHistogram: [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        g.ResponseTimePercentile(0).Should().Be(300);
        // p = 1: rank 2 of 2, the bucket's upper end, 15 min = 900 s; the median 600 s; the 90th 5 + 10 x 1.8 / 2 = 14 min = 840 s.
        g.ResponseTimePercentile(1).Should().Be(900);
        g.MedianResponseTime.Should().Be(600);
        g.ResponseTime90th.Should().BeApproximately(840, 1e-9);
        FluentActions.Invoking(() => g.ResponseTimePercentile(-0.01)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
        FluentActions.Invoking(() => g.ResponseTimePercentile(1.01)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
    }
}

/// <summary>The rollup's arguments, arrival range, key spaces (dense and hashed) and progress on small hand-built tables.</summary>
public class KpisRollupMutationTests
{
    private static readonly Instant T0 = ContactMetrics.Tests.Kpis.KpiFixtures.T0;

    private static InteractionTable FourHours() =>
        InteractionTable.Create(Enumerable.Range(0, 4).Select(h => ContactMetrics.Tests.Kpis.KpiFixtures.Answered($"C{h}", atHours: h)));

    [Fact]
    public void ArrivalRange_StartInclusive_EndExclusive()
    {
        // Arrivals at 0, 1, 2 and 3 h: [1 h, 3 h) holds 1 h and 2 h; from 1 h alone, 3 contacts; before 3 h alone, 3.
        var table = FourHours();
        long Offered(Instant? from, Instant? before) =>
            KpiRollup.Compute(table, new KpiGrouping { ArrivedFrom = from, ArrivedBefore = before }).Single().Counts.OfferedContacts;

        Offered(T0 + Duration.FromHours(1), T0 + Duration.FromHours(3)).Should().Be(2);
        Offered(T0 + Duration.FromHours(1), null).Should().Be(3);
        Offered(null, T0 + Duration.FromHours(3)).Should().Be(3);
        Offered(T0 + Duration.FromHours(3), T0 + Duration.FromHours(3) + Duration.FromMilliseconds(1)).Should().Be(1);

        var at = T0 + Duration.FromHours(1);
        FluentActions.Invoking(() => KpiRollup.Compute(table, new KpiGrouping { ArrivedFrom = at, ArrivedBefore = at })).Should().Throw<ArgumentException>()
            .WithParameterName("grouping").WithMessage($"The arrival range starts ({at}) at or after its end ({at}).*");
        FluentActions.Invoking(() => KpiRollup.Compute(table, new KpiGrouping(Bucket: (TimeBucket)7, TimeZone: DateTimeZone.Utc)))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("grouping").WithMessage("Not a defined time bucket.*");
        FluentActions.Invoking(() => KpiRollup.Compute(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Progress_SmallTable_OneFinalReport_EmptyTable_ZeroOfZero()
    {
        var reports = new List<KpiRollupProgress>();
        var progress = new SynchronousKpiProgress(reports);
        KpiRollup.Compute(FourHours(), progress: progress).Should().ContainSingle();
        reports.Should().Equal(new KpiRollupProgress(4, 4));
        reports.Clear();
        KpiRollup.Compute(InteractionTable.Create([]), progress: progress).Should().BeEmpty();
        reports.Should().Equal(new KpiRollupProgress(0, 0));
    }

    [Fact]
    public void Groups_IndexOutOfRange_Throws_AndEnumerateAsObjects()
    {
        var groups = KpiRollup.Compute(FourHours(), new KpiGrouping(KpiDimensions.Direction));
        groups.Should().HaveCount(1);
        FluentActions.Invoking(() => groups[1]).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("index").WithMessage("The rollup has 1 groups.*");
        FluentActions.Invoking(() => groups[-1]).Should().Throw<ArgumentOutOfRangeException>();
        ((System.Collections.IEnumerable)groups).Cast<KpiGroup>().Single().Direction.Should().Be(ContactMetrics.Domain.Direction.Inbound);
    }

    /// <summary>
    /// Agents A0-A2, each with one phone contact at 0 h, 10,000 h and 19,999 h after T0 (queue q0/q1/q2 and reason r0/r1/r2 by
    /// hour), grouped by agent, channel and hour: (3 + 1) x 9 x 20,000 = 720,000 possible keys, over 65,536 (a dense index
    /// numbered in key order); with queue and reason, x 4 x 4 = 11.5 million, over 8,388,608 (a hash map, sorted at the end).
    /// Either way 9 groups of one contact, ordered by agent, then hour.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ManyPossibleKeys_DenseOrHashed_OneGroupPerContactInKeyOrder(bool hashed)
    {
        int[] hours = [0, 10_000, 19_999];
        var rows = new List<ContactMetrics.Domain.Interaction>();
        for (int a = 0; a < 3; a++)
        {
            for (int j = 0; j < 3; j++)
            {
                rows.Add(ContactMetrics.Tests.Kpis.KpiFixtures.Answered($"C{a}{j}", agent: $"A{a}", atHours: hours[j], queue: $"q{j}", reason: $"r{j}"));
            }
        }
        var dimensions = KpiDimensions.Agent | KpiDimensions.Channel | (hashed ? KpiDimensions.Queue | KpiDimensions.Reason : KpiDimensions.None);
        var table = InteractionTable.Create(rows);

        var groups = KpiRollup.Compute(table, new KpiGrouping(dimensions, TimeBucket.Hour, DateTimeZone.Utc));

        groups.Select(g => (g.Agent, g.BucketStart!.Value.ToInstant(), g.Counts.OfferedContacts)).Should().Equal(
            from a in Enumerable.Range(0, 3) from h in hours select ((string?)$"A{a}", T0 + Duration.FromHours(h), 1L));
        groups.Should().OnlyContain(g => g.Channel == ContactMetrics.Domain.Channel.Phone && g.BucketLength == Duration.FromHours(1));
        if (hashed)
        {
            groups.Select(g => g.Queue).Should().Equal("q0", "q1", "q2", "q0", "q1", "q2", "q0", "q1", "q2");
            groups.Select(g => g.Reason).Should().Equal("r0", "r1", "r2", "r0", "r1", "r2", "r0", "r1", "r2");
        }

        // From 10,000 h on: the 0 h contacts are left out, 6 groups.
        var ranged = KpiRollup.Compute(table, new KpiGrouping(dimensions, TimeBucket.Hour, DateTimeZone.Utc) { ArrivedFrom = T0 + Duration.FromHours(10_000) });
        ranged.Select(g => (g.Agent, g.BucketStart!.Value.ToInstant())).Should().Equal(
            from a in Enumerable.Range(0, 3) from h in hours.Skip(1) select ((string?)$"A{a}", T0 + Duration.FromHours(h)));
    }

    /// <summary>
    /// One contact of every outcome the rollup's compact counters tell apart (KpiCounts' remarks), counted by hand. Every
    /// contact has its own customer but R1/R2 (customer R, billing at 0 h and 1 h: R2 repeats R1).
    /// </summary>
    private static InteractionTable EveryOutcome()
    {
        var (phone, chat, email) = (ContactMetrics.Domain.Channel.Phone, ContactMetrics.Domain.Channel.Chat, ContactMetrics.Domain.Channel.Email);
        return InteractionTable.Create(
        [
            ContactMetrics.Tests.Kpis.KpiFixtures.Answered("P1", phone, waitSeconds: 2, talk: 100, hold: 10, acw: 5, transfers: 1, resolved: true, csat: 5, nps: 10, ces: 7),
            ContactMetrics.Tests.Kpis.KpiFixtures.Answered("P2", chat, waitSeconds: 3, talk: 200, acw: 20, resolved: false, csat: 4),
            ContactMetrics.Tests.Kpis.KpiFixtures.Abandoned("P3", phone, waitSeconds: 1),
            ContactMetrics.Tests.Kpis.KpiFixtures.Abandoned("P4", phone, waitSeconds: 4),
            ContactMetrics.Tests.Kpis.KpiFixtures.Abandoned("P5", phone, waitSeconds: 6),
            ContactMetrics.Tests.Kpis.KpiFixtures.Answered("E1", email, waitSeconds: 1800, talk: 60),
            ContactMetrics.Tests.Kpis.KpiFixtures.Answered("E2", email, waitSeconds: 7200, talk: 40),
            ContactMetrics.Tests.Kpis.KpiFixtures.Abandoned("E3", email, waitSeconds: 100),
            ContactMetrics.Tests.Kpis.KpiFixtures.SelfService("S1"),
            ContactMetrics.Tests.Kpis.KpiFixtures.Answered("O1", phone, talk: 50, direction: ContactMetrics.Domain.Direction.Outbound),
            ContactMetrics.Tests.Kpis.KpiFixtures.Answered("R", phone, waitSeconds: 1, talk: 10),
            ContactMetrics.Tests.Kpis.KpiFixtures.Answered("R", phone, waitSeconds: 1, talk: 10, atHours: 1),
        ]);
    }

    [Fact]
    public void EveryOutcome_CountedByHand_ShortAbandonThresholdAboveTheServiceLevelOne()
    {
        // Threshold 2 s, short abandons within 5 s, response target 1 h, handle time talk + hold.
        var options = new KpiOptions(new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverOffered, Duration.FromSeconds(2), Duration.FromSeconds(5)),
            handleTime: HandleTimeComponents.Talk | HandleTimeComponents.Hold, responseTarget: Duration.FromHours(1));
        var c = KpiRollup.Compute(EveryOutcome(), options: options).Single().Counts;

        // Offered: every inbound contact (11 of 12, O1 is outbound); queued: phone and chat (P1-P5, R x2 = 7); answered P1, P2, R x2,
        // within 2 s P1 (2 s, inclusive) and R x2; abandoned P3-P5, within 2 s P3, within 5 s P3 and P4; contained S1.
        c.OfferedContacts.Should().Be(11);
        c.QueuedContacts.Should().Be(7);
        c.AnsweredContacts.Should().Be(4);
        c.AnsweredWithinThreshold.Should().Be(3);
        c.AbandonedContacts.Should().Be(3);
        c.AbandonedWithinThreshold.Should().Be(1);
        c.ShortAbandonedContacts.Should().Be(2);
        c.ContainedContacts.Should().Be(1);
        // Email: 3 received, 2 answered (30 min, within 1 h; 2 h, late): 1,800 + 7,200 s; buckets (15, 30] min and (1, 2] h.
        c.AsynchronousContacts.Should().Be(3);
        c.AsynchronousAnswered.Should().Be(2);
        c.AnsweredWithinResponseTarget.Should().Be(1);
        c.ResponseMilliseconds.Should().Be(9_000_000);
        c.ResponseTimeHistogram.ToArray().Should().Equal(0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        // Handled: P1, P2, E1, E2, O1, R x2 = 7; talk 100 + 200 + 60 + 40 + 50 + 10 + 10 = 470 s, hold 10 s, ACW 5 + 20 = 25 s;
        // handle time = talk + hold = 480 s. Waits: answered 2 + 3 + 1 + 1 = 7 s, abandoned 1 + 4 + 6 = 11 s.
        c.HandledContacts.Should().Be(7);
        c.TalkMilliseconds.Should().Be(470_000);
        c.HoldMilliseconds.Should().Be(10_000);
        c.AfterCallWorkMilliseconds.Should().Be(25_000);
        c.HandleMilliseconds.Should().Be(480_000);
        c.WaitAnsweredMilliseconds.Should().Be(7_000);
        c.WaitAbandonedMilliseconds.Should().Be(11_000);
        // P1 transferred; P1 flagged resolved, P2 flagged not resolved.
        c.TransferredContacts.Should().Be(1);
        c.ResolvedFlagged.Should().Be(2);
        c.ResolvedTrue.Should().Be(1);
        // Eligible: handled inbound P1, P2, E1, E2, R x2 = 6; R's second repeats the first: 5 with no repeat after them, 1 repeat,
        // 5 issues of which 4 (all but R's) resolved first time.
        c.FcrEligibleContacts.Should().Be(6);
        c.ResolvedFirstTime.Should().Be(5);
        c.RepeatContacts.Should().Be(1);
        c.Issues.Should().Be(5);
        c.IssuesResolvedFirstTime.Should().Be(4);
        // Surveys: P1 (CSAT 5, NPS 10, CES 7) and P2 (CSAT 4 only).
        c.CsatHistogram.ToArray().Should().Equal(0, 0, 0, 1, 1);
        c.NpsHistogram.ToArray().Should().Equal(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        c.CesHistogram.ToArray().Should().Equal(0, 0, 0, 0, 0, 0, 1);

        // The defaults (20 s, 5 s, 24 h, all three components): every answer and abandon within 20 s, P3 and P4 short,
        // both emails within 24 h, handle time 470 + 10 + 25 = 505 s.
        var d = KpiRollup.Compute(EveryOutcome()).Single().Counts;
        (d.AnsweredWithinThreshold, d.AbandonedWithinThreshold, d.ShortAbandonedContacts, d.AnsweredWithinResponseTarget, d.HandleMilliseconds)
            .Should().Be((4L, 3L, 2L, 2L, 505_000L));
    }
}
