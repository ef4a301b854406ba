package dev.tokentray.ui.tray.sni;

import java.util.Map;
import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * An exported object and its {@code org.freedesktop.DBus.Properties}, whose properties, all of one
 * interface, are read-only and read fresh at each call. dbus-java 4 has no property annotations
 * for exported objects, so its objects answer these calls themselves.
 */
abstract class ReadOnlyProperties implements Properties {
    private final String interfaceName;
    private final String path;

    /** @param path where the object is exported */
    ReadOnlyProperties(String interfaceName, String path) {
        this.interfaceName = interfaceName;
        this.path = path;
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    /** Every property, as it is now. */
    abstract Map<String, Variant<?>> properties();

    @SuppressWarnings("unchecked")
    @Override
    public <A> A Get(String interfaceName, String propertyName) {
        Variant<?> value = GetAll(interfaceName).get(propertyName);
        if (value == null) {
            throw new UnknownProperty("No property " + interfaceName + "." + propertyName);
        }
        return (A) value; // a Variant: dbus-java sends it as it is
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new PropertyReadOnly(propertyName + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return this.interfaceName.equals(interfaceName) ? properties() : Map.of();
    }
}
