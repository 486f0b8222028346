# What one NVML read costs on this GPU, in wall and CPU time: the energy counter alone, and one
# nvmlDeviceGetFieldValues call with 1, 2 and 3 fields (energy; + average power; + power limit).
# Tells whether the agent's per-tick read is worth trimming to the energy field alone.
import time
import pynvml

ENERGY, POWER_AVERAGE, POWER_LIMIT = 83, 185, 190  # NVML_FI_DEV_* field ids (nvml.h)
pynvml.nvmlInit()
h = pynvml.nvmlDeviceGetHandleByIndex(0)


def measure(name, call, n=200):
    call()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        call()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{name:32s} wall {1e3 * wall / n:6.3f} ms  cpu {1e3 * cpu / n:6.3f} ms per call")


measure("TotalEnergyConsumption", lambda: pynvml.nvmlDeviceGetTotalEnergyConsumption(h))
measure("FieldValues [energy]", lambda: pynvml.nvmlDeviceGetFieldValues(h, [ENERGY]))
measure("FieldValues [energy, power]", lambda: pynvml.nvmlDeviceGetFieldValues(h, [ENERGY, POWER_AVERAGE]))
measure("FieldValues [energy, power, limit]",
        lambda: pynvml.nvmlDeviceGetFieldValues(h, [ENERGY, POWER_AVERAGE, POWER_LIMIT]))
measure("PowerUsage", lambda: pynvml.nvmlDeviceGetPowerUsage(h))
