using MathNet.Numerics;

namespace ContactMetrics.Tests.Staffing;

/// <summary>Textbook formulas, used as independent oracles where they are exact enough.</summary>
internal static class NaiveErlang
{
    /// <summary>(A^N / N!) / sum_{k&lt;=N} A^k / k!, in double: fine for N up to about 150.</summary>
    public static double Blocking(int n, double a)
    {
        double sum = 0;
        for (int k = 0; k <= n; k++)
        {
            sum += Math.Pow(a, k) / SpecialFunctions.Factorial(k);
        }
        return Math.Pow(a, n) / SpecialFunctions.Factorial(n) / sum;
    }

    /// <summary>Erlang C as A^N/N! N/(N-A) / (sum_{k&lt;N} A^k/k! + A^N/N! N/(N-A)), in double.</summary>
    public static double Wait(int n, double a)
    {
        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            sum += Math.Pow(a, k) / SpecialFunctions.Factorial(k);
        }
        double top = Math.Pow(a, n) / SpecialFunctions.Factorial(n) * n / (n - a);
        return top / (sum + top);
    }

    /// <summary>Erlang B from log-terms k ln A - ln k!, summed with log-sum-exp: any N.</summary>
    public static double BlockingLogSpace(int n, double a)
    {
        double[] logTerms = new double[n + 1];
        double max = double.NegativeInfinity;
        for (int k = 0; k <= n; k++)
        {
            logTerms[k] = k * Math.Log(a) - SpecialFunctions.FactorialLn(k);
            max = Math.Max(max, logTerms[k]);
        }
        double sum = 0;
        foreach (double t in logTerms)
        {
            sum += Math.Exp(t - max);
        }
        return Math.Exp(logTerms[n] - max - Math.Log(sum));
    }
}
