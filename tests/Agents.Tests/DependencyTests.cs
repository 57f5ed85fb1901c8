using System.Reflection;
using System.Reflection.Emit;
using Rims.Agents.Evaluation;
using Rims.Agents.Reports;

namespace Rims.Agents.Tests;

/// <summary>
/// Evaluation and Reports do not depend on each other (both read the evals/ file format from Runs): no type of either
/// namespace names a type of the other, in a signature, a field or a method body (read from the IL, so a call such as
/// Reports.Statistics.Std inside Evaluator counts).
/// </summary>
public class DependencyTests
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    [Fact]
    public void EvaluationDoesNotReferenceReports() =>
        Assert.Empty(References(typeof(Evaluator).Namespace!, typeof(ReportBuilder).Namespace!));

    [Fact]
    public void ReportsDoesNotReferenceEvaluation() =>
        Assert.Empty(References(typeof(ReportBuilder).Namespace!, typeof(Evaluator).Namespace!));

    /// <summary>"Type -> referenced type" for every type of namespace <paramref name="from"/> that names a type of <paramref name="to"/>.</summary>
    private static List<string> References(string from, string to)
    {
        var assembly = typeof(Evaluator).Assembly;
        return assembly.GetTypes()
            .Where(type => type.Namespace == from)
            .SelectMany(type => ReferencedTypes(type).Where(referenced => referenced.Namespace == to)
                .Select(referenced => $"{type.FullName} -> {referenced.FullName}"))
            .Distinct()
            .ToList();
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var field in type.GetFields(Everything)) yield return field.FieldType;
        foreach (var property in type.GetProperties(Everything)) yield return property.PropertyType;
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info) yield return info.ReturnType;
            foreach (var parameter in method.GetParameters()) yield return parameter.ParameterType;
            foreach (var referenced in BodyReferences(method)) yield return referenced;
        }
        // Lambdas, closures and iterators compile to nested types.
        foreach (var nested in type.GetNestedTypes(Everything))
            foreach (var referenced in ReferencedTypes(nested))
                yield return referenced;
    }

    /// <summary>The declaring types of the members and the types a method body's IL names.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? unchecked((short)(0xFE00 | il[i + 1])) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                if (member is Type named) yield return named;
                else if (member?.DeclaringType is { } owner) yield return owner;
                if (member is FieldInfo field) yield return field.FieldType;
                if (member is MethodInfo called) yield return called.ReturnType;
            }
            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }
}
