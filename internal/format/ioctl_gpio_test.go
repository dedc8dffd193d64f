package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/xlat"
)

// Expected lines are strace 6.1's, from its test suite's ioctl_gpio.
func TestIoctlGpio(t *testing.T) {
	t.Parallel()
	le := binary.LittleEndian
	code := func(name string) uint32 {
		c, ok := xlat.IoctlCode(name)
		if !ok {
			t.Fatalf("no request %s", name)
		}
		return c
	}
	chip := make([]byte, gpioChipInfoSize)
	copy(chip, "chip name")
	copy(chip[32:], "chip label")
	le.PutUint32(chip[64:], 0xca)

	handle := make([]byte, gpioHandleRequestSize)
	for i := range gpioHandlesMax {
		le.PutUint32(handle[4*i:], uint32(i+1))
		handle[260+i] = byte(2*i + 1)
	}
	le.PutUint32(handle[256:], 0x14)
	copy(handle[324:], "line consumer")
	le.PutUint32(handle[356:], gpioHandlesMax+1)
	le.PutUint32(handle[360:], 100)

	info := make([]byte, gpioV2LineInfoSize)
	copy(info, "line name")
	copy(info[32:], "line consumer")
	le.PutUint32(info[64:], 0x38)
	le.PutUint32(info[68:], 1)
	le.PutUint64(info[72:], 0x102)
	le.PutUint32(info[80:], gpioV2LineValuesID)
	le.PutUint32(info[84:], 0xfeedface)
	le.PutUint64(info[88:], 0xdeadbeefba11c0da)
	le.PutUint32(info[248:], 0xdeadd0d0)

	config := make([]byte, gpioV2LineConfigSize)
	le.PutUint64(config, 0x8000)
	le.PutUint32(config[8:], 1)
	le.PutUint32(config[32:], gpioV2LineFlagsID)
	le.PutUint64(config[40:], 0x102)
	le.PutUint64(config[48:], 1)

	const seq = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, ...]"
	const odd = "[1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49, 51, 53, 55, 57, 59, 61, 63, ...]"
	checkIoctl(t, Options{StrSize: 32}, []ioctlCase{
		{code("GPIO_GET_CHIPINFO_IOCTL"), 0x1000, nil, chip, `ioctl(-1, GPIO_GET_CHIPINFO_IOCTL, {name="chip name", label="chip label", lines=202})`},
		{code("GPIO_GET_CHIPINFO_IOCTL"), 0, nil, nil, `ioctl(-1, GPIO_GET_CHIPINFO_IOCTL, NULL)`},
		{code("GPIO_GET_LINEHANDLE_IOCTL"), 0x1000, handle, handle, `ioctl(-1, GPIO_GET_LINEHANDLE_IOCTL, {lines=65, lineoffsets=` + seq +
			`, flags=GPIOHANDLE_REQUEST_ACTIVE_LOW|GPIOHANDLE_REQUEST_OPEN_SOURCE, default_values=` + odd + `, consumer_label="line consumer"} => {fd=100})`},
		{code("GPIO_GET_LINEHANDLE_IOCTL"), 0x1001, handle[:100], nil, `ioctl(-1, GPIO_GET_LINEHANDLE_IOCTL, 0x1001)`},
		{code("GPIO_V2_GET_LINEINFO_IOCTL"), 0x1000, info, info, `ioctl(-1, GPIO_V2_GET_LINEINFO_IOCTL, {offset=56} => {name="line name", consumer="line consumer", flags=GPIO_V2_LINE_FLAG_ACTIVE_LOW|GPIO_V2_LINE_FLAG_BIAS_PULL_UP, num_attrs=1, attrs=[{id=2, padding=0xfeedface, data=0xdeadbeefba11c0da}], padding=[0, 0, 0xdeadd0d0, 0]})`},
		{code("GPIO_V2_GET_LINEINFO_IOCTL"), 0x1000, info, nil, `ioctl(-1, GPIO_V2_GET_LINEINFO_IOCTL, {offset=56})`},
		{code("GPIO_V2_LINE_SET_CONFIG_IOCTL"), 0x1000, config, nil, `ioctl(-1, GPIO_V2_LINE_SET_CONFIG_IOCTL, {flags=0x8000 /* GPIO_V2_LINE_FLAG_??? */, num_attrs=1, attrs=[{flags=GPIO_V2_LINE_FLAG_ACTIVE_LOW|GPIO_V2_LINE_FLAG_BIAS_PULL_UP, mask=0x1}]})`},
		{0xc0edb45e, 0xdeadbeefbadc0ded, nil, nil, `ioctl(-1, _IOC(_IOC_READ|_IOC_WRITE, 0xb4, 0x5e, 0xed), 0xdeadbeefbadc0ded)`},
	})
}
