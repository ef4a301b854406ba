package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Where --listen and --notifier-listen listen: loopback unless a host is given. */
class ListenAddressConverterTest {
    private final ListenAddressConverter converter = new ListenAddressConverter();

    @Test
    void aPortAloneListensOnLoopbackOnly() {
        InetSocketAddress address = converter.convert("9400");

        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(address.getPort()).isEqualTo(9400);
    }

    @Test
    void aHostIsTakenAsGiven() {
        assertThat(converter.convert("0.0.0.0:9400").getAddress().isAnyLocalAddress()).isTrue();
        assertThat(converter.convert("[::1]:9400").getAddress().isLoopbackAddress()).isTrue();
        assertThat(converter.convert("127.0.0.1:0").getPort()).isZero();
    }

    @Test
    void anythingElseSaysWhatItTakes() {
        for (String wrong : new String[] {"", "host:", ":99999", "99999", "a:b:9400"}) {
            assertThatThrownBy(() -> converter.convert(wrong)).as(wrong).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("127.0.0.1:9400");
        }
    }
}
