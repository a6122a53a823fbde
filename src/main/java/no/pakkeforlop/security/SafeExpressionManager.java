package no.pakkeforlop.security;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/**
 * The engine's expression manager (Camunda's Spring one: variables, beans, functions),
 * with one rule whatever an expression comes from: no reflection. Calling
 * {@code getClass}, {@code forName}, {@code getMethod}, {@code invoke}, {@code exec} and
 * the like, or any method or property of a {@code Class}, a class loader, a reflective
 * object, {@code Runtime}, {@code System}, {@code Thread} or a process, is refused before
 * it happens. The pathway's own expressions ({@code ${deadlines.due(...)}},
 * {@code ${milestoneValidation}}, ...) never need any of it. Defence in depth: no
 * expression from outside reaches the engine in the first place
 * ({@link FilterExpressions}, {@link PathwayGuard}).
 */
public class SafeExpressionManager extends SpringExpressionManager {

    public SafeExpressionManager(ApplicationContext applicationContext, Map<Object, Object> beans) {
        super(applicationContext, beans);
    }

    @Override
    protected ELResolver createElResolver() {
        return new NoReflection(super.createElResolver());
    }

    /** Thrown instead of the call; the engine reports it as a failed expression. */
    public static final class ReflectionRefusedException extends ProcessEngineException {

        ReflectionRefusedException(String what) {
            super("Expression refused: " + what + " is not allowed in an expression");
        }

    }

    /** Passes everything to the engine's resolver, except reflection. */
    static final class NoReflection extends ELResolver {

        static final Set<String> METHODS = Set.of("getclass", "forname", "getmethod", "getmethods", "getdeclaredmethod",
                "getdeclaredmethods", "getconstructor", "getconstructors", "getdeclaredconstructor",
                "getdeclaredconstructors", "getfield", "getfields", "getdeclaredfield", "getdeclaredfields",
                "newinstance", "invoke", "invokeexact", "exec", "getruntime", "loadclass", "defineclass",
                "getclassloader", "getsystemclassloader", "setaccessible", "trysetaccessible", "getcontextclassloader",
                "setsecuritymanager", "exit", "halt", "load", "loadlibrary", "start", "command", "lookup", "getbean",
                "getautowirecapablebeanfactory", "getbeanfactory", "getenvironment", "getproperty", "setproperty",
                "getenv");

        static final Set<String> PROPERTIES = Set.of("class", "classloader", "declaredmethods", "declaredfields",
                "declaredconstructors", "methods", "fields", "constructors", "runtime", "contextclassloader",
                "systemclassloader", "autowirecapablebeanfactory", "beanfactory", "environment");

        private final ELResolver engine;

        NoReflection(ELResolver engine) {
            this.engine = engine;
        }

        static void check(Object base, Object name) {
            if (base != null && dangerous(base)) {
                throw new ReflectionRefusedException("using " + base.getClass().getName());
            }
        }

        private static boolean dangerous(Object base) {
            String type = base.getClass().getName();
            return base instanceof Class<?> || base instanceof ClassLoader || base instanceof Runtime
                    || base instanceof Thread || base instanceof Process || base instanceof ProcessBuilder
                    || base instanceof java.lang.reflect.AccessibleObject || base instanceof java.lang.reflect.Member
                    || base instanceof java.lang.invoke.MethodHandle
                    || base instanceof java.lang.invoke.MethodHandles.Lookup || base instanceof ApplicationContext
                    || type.startsWith("java.lang.reflect.") || type.startsWith("java.lang.invoke.")
                    || type.startsWith("sun.") || type.startsWith("jdk.internal.") || type.equals("java.lang.System")
                    || type.startsWith("javax.script.") || type.startsWith("org.springframework.beans.factory.");
        }

        private static String lower(Object name) {
            return name == null ? "" : String.valueOf(name).toLowerCase(Locale.ROOT);
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (base != null && METHODS.contains(lower(method))) {
                throw new ReflectionRefusedException("the method " + method + "()");
            }
            check(base, method);
            return engine.invoke(context, base, method, paramTypes, params);
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            refuseProperty(base, property);
            Object value = engine.getValue(context, base, property);
            return value;
        }

        private static void refuseProperty(Object base, Object property) {
            if (base != null && PROPERTIES.contains(lower(property))) {
                throw new ReflectionRefusedException("the property " + property);
            }
            check(base, property);
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            refuseProperty(base, property);
            return engine.getType(context, base, property);
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            refuseProperty(base, property);
            engine.setValue(context, base, property, value);
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            refuseProperty(base, property);
            return engine.isReadOnly(context, base, property);
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return engine.getFeatureDescriptors(context, base);
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return engine.getCommonPropertyType(context, base);
        }

        @Override
        public Object convertToType(ELContext context, Object obj, Class<?> targetType) {
            return engine.convertToType(context, obj, targetType);
        }

    }

}
