package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
)

// The GPIO character device's requests (type 0xb4), as strace 6.1's
// gpio_ioctl.c decodes them.
func init() {
	ioctlFamilies[0xb4] = true
	for name, h := range map[string]ioctlHandler{
		"GPIO_GET_CHIPINFO_IOCTL":          ioctlStructOut(gpioChipInfoSize, (*Formatter).appendGpioChipInfo),
		"GPIO_GET_LINEINFO_UNWATCH_IOCTL":  ioctlStructIn(4, func(f *Formatter, b, d []byte) []byte { return appendU32Field(b, "{offset=", d, 0, '}') }),
		"GPIO_GET_LINEINFO_IOCTL":          ioctlInOut(gpioLineInfoSize, appendGpioLineOffset, (*Formatter).appendGpioLineInfo),
		"GPIO_GET_LINEINFO_WATCH_IOCTL":    ioctlInOut(gpioLineInfoSize, appendGpioLineOffset, (*Formatter).appendGpioLineInfo),
		"GPIO_GET_LINEHANDLE_IOCTL":        ioctlInOut(gpioHandleRequestSize, (*Formatter).appendGpioHandleRequest, gpioFdAt(360)),
		"GPIO_GET_LINEEVENT_IOCTL":         ioctlInOut(gpioEventRequestSize, (*Formatter).appendGpioEventRequest, gpioFdAt(44)),
		"GPIOHANDLE_GET_LINE_VALUES_IOCTL": ioctlStructOut(gpioHandlesMax, (*Formatter).appendGpioHandleData),
		"GPIOHANDLE_SET_LINE_VALUES_IOCTL": ioctlStructIn(gpioHandlesMax, (*Formatter).appendGpioHandleData),
		"GPIOHANDLE_SET_CONFIG_IOCTL":      ioctlStructIn(gpioHandleConfigSize, (*Formatter).appendGpioHandleConfig),
		"GPIO_V2_GET_LINEINFO_IOCTL":       ioctlInOut(gpioV2LineInfoSize, appendGpioV2LineOffset, (*Formatter).appendGpioV2LineInfo),
		"GPIO_V2_GET_LINEINFO_WATCH_IOCTL": ioctlInOut(gpioV2LineInfoSize, appendGpioV2LineOffset, (*Formatter).appendGpioV2LineInfo),
		"GPIO_V2_GET_LINE_IOCTL":           ioctlInOut(gpioV2LineRequestSize, (*Formatter).appendGpioV2LineRequest, gpioFdAt(588)),
		"GPIO_V2_LINE_SET_CONFIG_IOCTL":    ioctlStructIn(gpioV2LineConfigSize, (*Formatter).appendGpioV2LineConfig),
		"GPIO_V2_LINE_GET_VALUES_IOCTL": ioctlInOut(16,
			func(f *Formatter, b []byte, c *decoder.Call, d []byte) []byte {
				return appendHexField(b, "{mask=", d, 8, '}')
			},
			func(f *Formatter, b []byte, c *decoder.Call, d []byte) []byte {
				return appendHexField(b, "{bits=", d, 0, '}')
			}),
		"GPIO_V2_LINE_SET_VALUES_IOCTL": ioctlStructIn(16, func(f *Formatter, b, d []byte) []byte {
			return appendHexField(appendHexField(b, "{bits=", d, 0, ','), " mask=", d, 8, '}')
		}),
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of the gpio structs.
const (
	gpioChipInfoSize      = 68
	gpioLineInfoSize      = 72
	gpioHandlesMax        = 64 // GPIOHANDLES_MAX, and the size of a struct gpiohandle_data
	gpioHandleRequestSize = 364
	gpioEventRequestSize  = 48
	gpioHandleConfigSize  = 84
	gpioV2LineAttrSize    = 16
	gpioV2LineInfoSize    = 256
	gpioV2LineConfigSize  = 272
	gpioV2LineRequestSize = 592
	gpioV2NumAttrsMax     = 10
	gpioV2LineFlagsID     = 1 // GPIO_V2_LINE_ATTR_ID_FLAGS, _OUTPUT_VALUES, _DEBOUNCE
	gpioV2LineValuesID    = 2
	gpioV2DebounceID      = 3
)

// ioctlInOut is the handler of a struct the kernel reads, printed at
// enter, and writes back, printed at exit after " => " when the call
// succeeded; both print from the same size of capture.
func ioctlInOut(size int, in, out func(f *Formatter, b []byte, c *decoder.Call, d []byte) []byte) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		cp := ioctlCapture(c, exiting)
		if !exiting {
			b = append(b, ", "...)
			if c.Args[2] == 0 || cp == nil || len(cp.Data) < size {
				return appendAddr(b, c.Args[2]), ioctlDone
			}
			return in(f, b, c, cp.Data), ioctlAtExit
		}
		if c.Failed() {
			return b, ioctlDone
		}
		return appendStruct(append(b, " => "...), c.Args[2], cp, size, func(b, d []byte) []byte { return out(f, b, c, d) }), ioctlDone
	}
}

// gpioFdAt prints the descriptor the kernel wrote at off: {fd=5}.
func gpioFdAt(off int) func(f *Formatter, b []byte, c *decoder.Call, d []byte) []byte {
	return func(f *Formatter, b []byte, c *decoder.Call, d []byte) []byte {
		return append(f.appendFd(append(b, "{fd="...), c.Tid, int32(le32(d[off:]))), '}')
	}
}

// appendU32Field and appendHexField print the field of d at off after
// name, in decimal or hex, then end.
func appendU32Field(b []byte, name string, d []byte, off int, end byte) []byte {
	return append(strconv.AppendUint(append(b, name...), uint64(le32(d[off:])), 10), end)
}

func appendHexField(b []byte, name string, d []byte, off int, end byte) []byte {
	return append(appendHex(append(b, name...), le64(d[off:])), end)
}

// appendLocalArray prints the first n elements of size bytes of the array
// d as strace's print_local_array: without -v no more than -s of them,
// then "...".
func (f *Formatter) appendLocalArray(b, d []byte, n, size int, elem func(b, d []byte) []byte) []byte {
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ", "...)
		}
		if !f.opt.Verbose && i == f.opt.StrSize {
			b = append(b, "..."...)
			break
		}
		b = elem(b, d[i*size:(i+1)*size])
	}
	return append(b, ']')
}

func appendU32Elem(b, d []byte) []byte { return strconv.AppendUint(b, uint64(le32(d)), 10) }
func appendU8Elem(b, d []byte) []byte  { return strconv.AppendUint(b, uint64(d[0]), 10) }
func appendX32Elem(b, d []byte) []byte { return appendHex(b, uint64(le32(d))) }

// appendGpioPadding prints ", padding=[...]" of the n u32 at d unless all
// are zero.
func (f *Formatter) appendGpioPadding(b, d []byte, n int) []byte {
	if allZero(d[:4*n]) {
		return b
	}
	return f.appendLocalArray(append(b, ", padding="...), d, n, 4, appendX32Elem)
}

// appendGpioChipInfo prints a struct gpiochip_info.
func (f *Formatter) appendGpioChipInfo(b, d []byte) []byte {
	b = f.appendCString(append(b, "{name="...), d[:32])
	b = f.appendCString(append(b, ", label="...), d[32:64])
	return appendU32Field(b, ", lines=", d, 64, '}')
}

func appendGpioLineOffset(f *Formatter, b []byte, c *decoder.Call, d []byte) []byte {
	return appendU32Field(b, "{line_offset=", d, 0, '}')
}

// appendGpioLineInfo prints what the kernel wrote of a struct gpioline_info.
func (f *Formatter) appendGpioLineInfo(b []byte, c *decoder.Call, d []byte) []byte {
	b = f.appendFlagsArg(append(b, "{flags="...), "gpio_line_flags", uint64(le32(d[4:])))
	b = f.appendCString(append(b, ", name="...), d[8:40])
	b = f.appendCString(append(b, ", consumer="...), d[40:72])
	return append(b, '}')
}

// appendGpioHandleRequest prints a struct gpiohandle_request as the
// kernel reads it.
func (f *Formatter) appendGpioHandleRequest(b []byte, c *decoder.Call, d []byte) []byte {
	lines := min(int(le32(d[356:])), gpioHandlesMax)
	b = strconv.AppendUint(append(b, "{lines="...), uint64(le32(d[356:])), 10)
	b = f.appendLocalArray(append(b, ", lineoffsets="...), d, lines, 4, appendU32Elem)
	b = f.appendFlagsArg(append(b, ", flags="...), "gpio_handle_flags", uint64(le32(d[256:])))
	b = f.appendLocalArray(append(b, ", default_values="...), d[260:], lines, 1, appendU8Elem)
	b = f.appendCString(append(b, ", consumer_label="...), d[324:356])
	return append(b, '}')
}

// appendGpioEventRequest prints a struct gpioevent_request as the kernel
// reads it.
func (f *Formatter) appendGpioEventRequest(b []byte, c *decoder.Call, d []byte) []byte {
	b = appendU32Field(b, "{lineoffset=", d, 0, ',')
	b = f.appendFlagsArg(append(b, " handleflags="...), "gpio_handle_flags", uint64(le32(d[4:])))
	b = f.appendFlagsArg(append(b, ", eventflags="...), "gpio_event_flags", uint64(le32(d[8:])))
	b = f.appendCString(append(b, ", consumer_label="...), d[12:44])
	return append(b, '}')
}

// appendGpioHandleData prints a struct gpiohandle_data.
func (f *Formatter) appendGpioHandleData(b, d []byte) []byte {
	return append(f.appendLocalArray(append(b, "{values="...), d, gpioHandlesMax, 1, appendU8Elem), '}')
}

// appendGpioHandleConfig prints a struct gpiohandle_config.
func (f *Formatter) appendGpioHandleConfig(b, d []byte) []byte {
	b = f.appendFlagsArg(append(b, "{flags="...), "gpio_handle_flags", uint64(le32(d)))
	b = f.appendLocalArray(append(b, ", default_values="...), d[4:], gpioHandlesMax, 1, appendU8Elem)
	return append(b, '}')
}

func appendGpioV2LineOffset(f *Formatter, b []byte, c *decoder.Call, d []byte) []byte {
	return appendU32Field(b, "{offset=", d, 64, '}')
}

// appendGpioV2Attr prints a struct gpio_v2_line_attribute's fields as
// strace's print_gpio_v2_line_attribute: by its id, or raw (in "attr={}"
// when it is a field) when the id is unknown or its padding is not zero.
func (f *Formatter) appendGpioV2Attr(b, d []byte, asField bool) []byte {
	id, pad := le32(d), le32(d[4:])
	if pad == 0 {
		switch id {
		case gpioV2LineFlagsID:
			return f.appendFlagsArg(append(b, "flags="...), "gpio_v2_line_flags", le64(d[8:]))
		case gpioV2LineValuesID:
			return appendHex(append(b, "values="...), le64(d[8:]))
		case gpioV2DebounceID:
			return strconv.AppendUint(append(b, "debounce_period_us="...), uint64(le32(d[8:])), 10)
		}
	}
	if asField {
		b = append(b, "attr={"...)
	}
	b = strconv.AppendUint(append(b, "id="...), uint64(id), 10)
	if pad != 0 {
		b = appendHex(append(b, ", padding="...), uint64(pad))
	}
	b = appendHex(append(b, ", data="...), le64(d[8:]))
	if asField {
		b = append(b, '}')
	}
	return b
}

// appendGpioV2LineInfo prints what the kernel wrote of a struct
// gpio_v2_line_info.
func (f *Formatter) appendGpioV2LineInfo(b []byte, c *decoder.Call, d []byte) []byte {
	b = f.appendCString(append(b, "{name="...), d[:32])
	b = f.appendCString(append(b, ", consumer="...), d[32:64])
	b = f.appendFlagsArg(append(b, ", flags="...), "gpio_v2_line_flags", le64(d[72:]))
	n := le32(d[68:])
	b = strconv.AppendUint(append(b, ", num_attrs="...), uint64(n), 10)
	if n != 0 {
		b = f.appendLocalArray(append(b, ", attrs="...), d[80:], int(min(n, gpioV2NumAttrsMax)), gpioV2LineAttrSize, func(b, d []byte) []byte {
			return append(f.appendGpioV2Attr(append(b, '{'), d, false), '}')
		})
	}
	return append(f.appendGpioPadding(b, d[240:], 4), '}')
}

// appendGpioV2LineConfig prints a struct gpio_v2_line_config.
func (f *Formatter) appendGpioV2LineConfig(b, d []byte) []byte {
	b = f.appendFlagsArg(append(b, "{flags="...), "gpio_v2_line_flags", le64(d))
	n := le32(d[8:])
	b = strconv.AppendUint(append(b, ", num_attrs="...), uint64(n), 10)
	b = f.appendGpioPadding(b, d[12:], 5)
	if n != 0 {
		b = f.appendLocalArray(append(b, ", attrs="...), d[32:], int(min(n, gpioV2NumAttrsMax)), gpioV2LineAttrSize+8, func(b, d []byte) []byte {
			b = f.appendGpioV2Attr(append(b, '{'), d, true)
			return appendHexField(b, ", mask=", d, 16, '}')
		})
	}
	return append(b, '}')
}

// appendGpioV2LineRequest prints a struct gpio_v2_line_request as the
// kernel reads it.
func (f *Formatter) appendGpioV2LineRequest(b []byte, c *decoder.Call, d []byte) []byte {
	n := le32(d[560:])
	b = strconv.AppendUint(append(b, "{num_lines="...), uint64(n), 10)
	b = f.appendLocalArray(append(b, ", offsets="...), d, int(min(n, gpioHandlesMax)), 4, appendU32Elem)
	b = f.appendCString(append(b, ", consumer="...), d[256:288])
	b = f.appendGpioV2LineConfig(append(b, ", config="...), d[288:560])
	if size := le32(d[564:]); size != 0 {
		b = strconv.AppendUint(append(b, ", event_buffer_size="...), uint64(size), 10)
	}
	return append(f.appendGpioPadding(b, d[568:], 5), '}')
}
