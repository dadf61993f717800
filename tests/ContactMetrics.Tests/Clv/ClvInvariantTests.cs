using ContactMetrics.Clv;
using FsCheck;
using FsCheck.Xunit;

namespace ContactMetrics.Tests.Clv;

/// <summary>Property tests of the Pareto/NBD, MBG/NBD and sBG: probabilities in [0, 1], expectations monotone, finite likelihoods.</summary>
public class ClvInvariantTests
{
    [Property(MaxTest = 200)]
    public bool ParetoNbd_AnyHistoryAndParameters_FiniteProbabilityAndMonotoneExpectation(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks, PositiveInt seed)
    {
        int x = frequency.Get % 20_000;
        double t = ageWeeks.Get % 2000 + 0.5;
        double tx = x == 0 ? 0 : Math.Abs(recencyShare.Get) % 1.0 * t;
        var rng = new Random(seed.Get);
        double Draw() => Math.Exp(rng.NextDouble() * 12 - 6);
        var m = new ParetoNbdModel(new ParetoNbdParameters(Draw(), Draw(), Draw(), Draw()));
        double alive = m.ProbabilityAlive(x, tx, t);
        double ll = m.LogLikelihood(x, tx, t);
        double e1 = m.ConditionalExpectedTransactions(10, x, tx, t), e2 = m.ConditionalExpectedTransactions(11, x, tx, t);
        return alive >= 0 && alive <= 1 && double.IsFinite(ll) && double.IsFinite(e1) && e2 >= e1;
    }

    [Property(MaxTest = 200)]
    public bool MbgNbd_AnyHistory_ProbabilityInUnitIntervalAndExpectationMonotone(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks, PositiveInt seed)
    {
        int x = frequency.Get % 20_000;
        double t = ageWeeks.Get % 2000 + 0.5;
        double tx = x == 0 ? 0 : Math.Abs(recencyShare.Get) % 1.0 * t;
        var rng = new Random(seed.Get);
        double Draw() => Math.Exp(rng.NextDouble() * 8 - 4);
        var m = new ModifiedBetaGeometricNbdModel(new MbgNbdParameters(Draw(), Draw(), Draw(), Draw()));
        double alive = m.ProbabilityAlive(x, tx, t);
        double e1 = m.ConditionalExpectedTransactions(10, x, tx, t), e2 = m.ConditionalExpectedTransactions(11, x, tx, t);
        return alive >= 0 && alive <= 1 && double.IsFinite(m.LogLikelihood(x, tx, t)) && double.IsFinite(e1) && e2 >= e1 * (1 - 1e-12);
    }

    [Property(MaxTest = 200)]
    public bool Sbg_AnyParameters_RetentionInUnitIntervalSurvivalFallsAndDerlFallsWithDiscount(PositiveInt seed, PositiveInt renewals)
    {
        var rng = new Random(seed.Get);
        double Draw() => Math.Exp(rng.NextDouble() * 8 - 4);
        var m = new ShiftedBetaGeometricModel(new SbgParameters(Draw(), Draw()));
        int n = renewals.Get % 100;
        double r = m.RetentionRate(n + 1);
        double low = m.DiscountedExpectedResidualLifetime(n, 0.05), high = m.DiscountedExpectedResidualLifetime(n, 0.10);
        return r >= 0 && r <= 1 && m.Survival(n + 1) <= m.Survival(n) && high <= low && high >= r;
    }
}
