<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX">
<context>
    <name>AbsencesTab</name>
    <message>
        <source>Registrar ausencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelar la ausencia elegida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>al</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fechas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ausente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periodo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cubre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quién atiende las cuentas durante la ausencia: el suplente designado de cada cuenta (criterio 5.1). Para que cubra otra persona, cambie antes a los administradores de la cuenta (criterio 7.iv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aviso público (borrador en el Redactor):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin aviso ni notas todavía: la nota de entrega se genera al iniciar la ausencia y la de regreso al terminar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nadie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿Registrar la ausencia de %1 (%2) %3?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cubre: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ausencia registrada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Se redactó el aviso de horario de atención en %n cuenta(s): revíselo y publíquelo desde el Redactor.</source>
        <translation>
            <numerusform>Se redactó el aviso de horario de atención en %n cuenta: revíselo y publíquelo desde el Redactor.</numerusform>
            <numerusform>Se redactó el aviso de horario de atención en %n cuentas: revíselo y publíquelo desde el Redactor.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ausencia cancelada.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountFilter</name>
    <message>
        <source>Todas las cuentas que puede ver (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsSection</name>
    <message>
        <source>Buscar por cuenta, usuario, área, administrador, red o estado (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área / persona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tipo / nivel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entidad / correo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambiar administradores…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija una cuenta de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta &amp;personal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marcar la cuenta como personal de una Consejera o un Consejero Electoral (criterio 7.vi; solo CNCS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Áreas y administradores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigencia (5.2 d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cuenta(s)</source>
        <translation>
            <numerusform>%n cuenta</numerusform>
            <numerusform>%n cuentas</numerusform>
        </translation>
    </message>
    <message>
        <source>Designar a los nuevos administradores titular y suplente (criterio 7.iv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solo la Coordinación Nacional de Comunicación Social marca una cuenta como personal (criterios 7.vi y 7.ix).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsTableModel</name>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suplente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sin designar)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdministratorsDialog</name>
    <message>
        <source>Cambiar administradores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nuevo administrador titular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nuevo administrador suplente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha de inicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El titular es de nivel mando medio o superior y el suplente, otra persona del área (criterio 5.1). Al registrar el cambio se avisa por correo a la persona titular de la CNCS y a la Presidencia y la Secretaría Técnica del Comité de Gestión (criterio 7.iv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hoy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nuevo titular:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nuevo suplente:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A partir del:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar el cambio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La cuenta ya no existe; actualice la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s) — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titular: %s · Suplente: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sin designar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El área no tiene personas registradas: regístrelas antes de designarlas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambio de administradores registrado. Se avisó por correo a la CNCS y al Comité de Gestión (criterio 7.iv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambio de administradores registrado, pero el aviso por correo quedó pendiente y se reintentará automáticamente: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin servidor de correo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AreaDialog</name>
    <message>
        <source>Nueva área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre del área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ninguno)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nombre:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Siglas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tipo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Entidad federativa:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Distrito:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BitacoraAlarmBar</name>
    <message>
        <source>Alarma de la bitácora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restablecer anclas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si solo se perdió una copia de la última entrada (el llavero del sistema, la base de datos local), vuelve a anclar la bitácora tras verificarla completa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitácora bloqueada: %s No se registran ni se realizan acciones hasta que el área de informática la revise («Verificar integridad» en la sección Bitácora dice qué entrada falla).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BitacoraSection</name>
    <message>
        <source>La bitácora no está abierta en esta sesión.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se muestran las entradas de las cuentas que usted administra o de su área, y las acciones que usted realizó (criterio 8.iii). La CNCS consulta la bitácora completa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todas las cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todas las áreas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todas las personas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todas las acciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hasta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buscar en los detalles de las entradas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verificar integridad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exportar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija una entrada para ver sus detalles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin límite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buscando «%s»…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Buscando… %n coincidencia(s)</source>
        <translation>
            <numerusform>Buscando… %n coincidencia</numerusform>
            <numerusform>Buscando… %n coincidencias</numerusform>
        </translation>
    </message>
    <message>
        <source>La búsqueda falló: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entrada(s) contiene(n) el texto buscado.</source>
        <translation>
            <numerusform>%n entrada contiene el texto buscado.</numerusform>
            <numerusform>%n entradas contienen el texto buscado.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bitácora íntegra: %n entrada(s) verificada(s).</source>
        <translation>
            <numerusform>Bitácora íntegra: %n entrada verificada.</numerusform>
            <numerusform>Bitácora íntegra: %n entradas verificadas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entrada(s) exportada(s) a %1.</source>
        <translation>
            <numerusform>%n entrada exportada a %1.</numerusform>
            <numerusform>%n entradas exportadas a %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entrada(s)</source>
        <translation>
            <numerusform>%n entrada</numerusform>
            <numerusform>%n entradas</numerusform>
        </translation>
    </message>
    <message>
        <source>Cargando la bitácora…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer quién puede consultar la bitácora (%s). Pulse «Actualizar» para volver a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verificando la bitácora…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo verificar: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¡Bitácora alterada! %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exportar la bitácora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo exportar: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¡Atención! La bitácora no verifica: %1 Las entradas afectadas van marcadas en la columna «verificacion».</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BitacoraTab</name>
    <message>
        <source>Crear la clave de lectores (CNCS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instalar desde un archivo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar la clave en un archivo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La clave de lectores protege las entradas de la bitácora mientras viajan a la base compartida. La CNCS la crea una vez y la entrega por un canal seguro; cada estación autorizada la instala desde el archivo recibido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esta estación tiene la clave de lectores (en %s): la bitácora se comparte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esta estación no tiene la clave de lectores: su bitácora no se comparte con la base compartida.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solo un revisor de la CNCS crea la clave; las demás estaciones la instalan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creando la clave…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clave creada y guardada en esta estación. Guárdela en un archivo y entréguela solo por un canal seguro: no se volverá a mostrar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar la clave de lectores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clave guardada en %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instalar la clave de lectores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto (*.txt);;Todos (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instalando la clave…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BitacoraTableModel</name>
    <message>
        <source>No se pudo leer la bitácora (%s). Pulse «Actualizar» para volver a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha y hora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acción</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detalles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se puede descifrar: la entrada fue alterada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sistema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ No se puede descifrar: la entrada fue alterada</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BuzonSection</name>
    <message>
        <source>Filtrar por estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todos los estados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrar por cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todas las cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solo los míos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija un elemento del buzón.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba la respuesta: salude a la persona por su nombre y responda en concreto (6.xvii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si respondió a mano en la red, pegue aquí el enlace de su respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclamar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignorar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Etiquetar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pregunta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitud de información</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sugerencia (evaluación, 8.ii)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitud de información…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo cargar el buzón: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d h %d min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin datos</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n elemento(s).</source>
        <translation>
            <numerusform>%n elemento.</numerusform>
            <numerusform>%n elementos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Últimos 90 días: %n recibido(s),</source>
        <translation>
            <numerusform>Últimos 90 días: %n recibido,</numerusform>
            <numerusform>Últimos 90 días: %n recibidos,</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 % respondidos, mediana de respuesta %2,</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sugerencia(s) para la evaluación (8.ii).</source>
        <translation>
            <numerusform>%n sugerencia para la evaluación (8.ii).</numerusform>
            <numerusform>%n sugerencias para la evaluación (8.ii).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 de %2 a %3 — %4 — %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Es un mensaje privado: la respuesta se envía como mensaje directo, nunca en público.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si respondió a mano, pegue la dirección de la conversación privada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si respondió a mano en la conversación privada de la red, pegue aquí la dirección de la conversación: queda registrado como respondido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si respondió a mano en la red, pegue aquí el enlace de su respuesta: queda registrado como respondido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lo atiende usted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respondido: «%1» — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lo atiende usted hasta las %s (hora del centro de México).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lo atiende %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respondido por mensaje directo (privado: sólo lo ven la persona y la cuenta).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nadie lo atiende.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duda recurrente: %d personas preguntan lo mismo (6.xviii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin observaciones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revise la respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿Enviarla de todos modos?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respuesta enviada por mensaje directo (privado: sólo la ven la persona y la cuenta).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respuesta enviada: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignorado (6.xvi): queda en el registro; no se bloquea a nadie.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalar al titular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nota para el titular del área (5.2 f):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalado a %s%s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> por correo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Etiquetas guardadas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correo del área responsable de la información (6.vii):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitud turnada por correo al área; revise la plantilla de respuesta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay servidor de correo: avise al área; revise la plantilla.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>el área responsable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>Lun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mié</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sáb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s), %s — %s

%s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta del calendario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semana</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hoy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Siguiente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1565c0&apos;&gt;■&lt;/span&gt; programada &lt;span style=&apos;color:#2e7d32&apos;&gt;■&lt;/span&gt; publicada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semana %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay publicaciones programadas ni publicadas en este periodo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer el calendario (%s). Vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckScheduler</name>
    <message>
        <source>No se pudo preparar la revisión de criterios (%s). Revise que los diccionarios estén instalados y vuelva a escribir para reintentar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin motor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La revisión falló (%s). Siga escribiendo para reintentar.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseIncidentDialog</name>
    <message>
        <source>Cerrar el incidente de %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cómo se resolvió: se recuperó el acceso, se cambió la contraseña, se revisaron y retiraron las publicaciones ajenas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cerrar incidente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolución (obligatoria):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosureChecklistDialog</name>
    <message>
        <source>Concluir la baja de %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque cada paso. La cuenta queda «cancelada» en los registros (nunca se borra); al concluir, el programa retira la contraseña del llavero y envía el aviso.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concluir baja</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosureRequestDialog</name>
    <message>
        <source>Solicitar la baja de una cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elegir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oficio firmado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitar baja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay cuentas que usted pueda dar de baja: lo hacen el titular del área y el administrador titular de la cuenta (criterio 7.viii).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosuresTab</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concluida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitar baja…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concluir baja…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En baja, sin oficio registrado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo del área: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La cuenta figura «En baja» pero no hay baja registrada: falta el oficio con que el área informa la cancelación (criterio 7.vii). Pida al área que la solicite en «Solicitar baja…»; entonces se concluye con la lista de verificación (7.viii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bajas</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposerSection</name>
    <message>
        <source>Escriba aquí la publicación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto de la publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Es respuesta a un usuario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisa además que no haya insultos (criterio 6.xx).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borradores guardados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nuevo borrador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deshacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marcar como publicada…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultar a CNCS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descartar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borradores:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisar para:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultar a CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Este borrador cambió en otra estación: elija primero qué versión conservar (la barra roja sobre el texto) y después consulte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La cola de consultas a la CNCS llega en la próxima versión. Mientras tanto, consulte a la CNCS por los medios habituales y no publique sin su respuesta (criterio 6.viii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudieron leer las cuentas en las que puede redactar (%s). Vuelva a elegir quién usa esta estación en Archivo → Cambiar de usuario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La cuenta %s tiene un incidente abierto (criterio 6.xxx): no se puede redactar ni publicar en ella hasta que se cierre el incidente en «Contraseñas». Elija otra cuenta para redactar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diccionario institucional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El diccionario institucional no está disponible en esta revisión. Vuelva a intentarlo cuando termine de prepararse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo agregar «%s» al diccionario (%s). Revise que la carpeta de datos permita escribir.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflictos de sincronización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflictos pendientes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aviso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campos que difieren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versión en la base compartida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versión que no se aplicó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Para combinar, marque en la última columna los campos que se toman de la versión que no se aplicó; el resto queda como en la base compartida.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conservar la compartida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conservar la otra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar combinación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s — %s — %s (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s — %s (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay conflictos pendientes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Áreas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administradores de cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitudes de cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cierres de cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imágenes y videos de publicaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultas a la CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avisos de consultas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambios de contraseña</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidentes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ausencias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notas de entrega y regreso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avisos de horario de atención</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacitaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asistencias a capacitaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cambiado en dos estaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eliminado en una estación, editado en otra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rechazado por la base compartida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque para tomar este valor en la combinación.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sin diferencias visibles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque en la última columna al menos un campo que tomar de la versión que no se aplicó, o elija «Conservar la compartida».</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionTab</name>
    <message>
        <source>Conecte aquí cada cuenta que administra con su red para publicar y programar desde el programa. La autorización se pide en el navegador, en la página de la red; las claves de acceso quedan sólo en el almacén de secretos de esta estación.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conectar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desconectar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No administra cuentas que pueda conectar (criterio 5.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volver a conectar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esperando la autorización de %s en el navegador…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se abrió la página de %s en el navegador. Inicie sesión con la cuenta institucional %s y acepte; esta ventana se cierra sola al terminar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conectar con la red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La cuenta %s quedó conectada con %s como %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿Desconectar %s de %s en esta estación? Se revoca la autorización en la red y se borran las claves de acceso; las publicaciones programadas de la cuenta no saldrán hasta que se vuelva a conectar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s quedó desconectada: %s confirmó la revocación y se borraron las claves de esta estación.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s quedó desconectada en esta estación y se borraron sus claves, pero %s no confirmó la revocación: retire también el acceso de la aplicación en la configuración de la cuenta en la red.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionTableModel</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En esta estación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuario en la red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conectada por</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se publica a mano</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conectada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin conectar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsultasSection</name>
    <message>
        <source>Filtrar por estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todos los estados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrar por área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrar por cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abrir consulta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modo revisión CNCS: abra una consulta para ver la publicación tal como se envió y decidir (Aprobada, Rechazada o Requiere cambios) antes de que venza su plazo de 48 horas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultas a la CNCS de sus cuentas. Sin respuesta en 48 horas la publicación no procede (criterio 6.viii). Envíe una consulta desde el Redactor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo cargar la cola: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todas las áreas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todas las cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 de %n consulta(s); %2.</source>
        <translation>
            <numerusform>%1 de %n consulta; %2.</numerusform>
            <numerusform>%1 de %n consultas; %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pendiente(s)</source>
        <translation>
            <numerusform>%n pendiente</numerusform>
            <numerusform>%n pendientes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsultationBadge</name>
    <message>
        <source>En consulta con la CNCS: vence el %s (quedan %s h). No se puede publicar sin su respuesta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consulta «No procedente — sin respuesta en 48 h»: no procede publicar. Envíe una nueva consulta si aún es oportuno.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La CNCS aprobó otra versión: el borrador cambió después de la aprobación y necesita una nueva consulta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aprobada por la CNCS: la aprobación cubre exactamente este texto y estas imágenes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rechazada por la CNCS: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La CNCS pide cambios: %s Haga los cambios y envíe una nueva consulta.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsultationDialog</name>
    <message>
        <source>Consulta a la CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Siguiente consulta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abre la siguiente consulta pendiente de la cola</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abriendo la consulta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo abrir la consulta por un error inesperado (%s). Cierre esta ventana y vuelva a intentarlo; si se repite, informe a soporte técnico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consulta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviada:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (hora de México)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — quedan %s h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pregunta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redes: %s · Huella: %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicación tal como se envió</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s): %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin observaciones de la revisión automática.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observaciones al enviar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambios en el borrador desde esta consulta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bloquea la publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>advertencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin gravedad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plazo vencido: No procedente — sin respuesta en 48 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>por %s, %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambios pedidos: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El borrador se editó después de la aprobación (%s): necesita una nueva consulta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correo pendiente: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>se reintentará automáticamente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imagen %d no disponible en esta estación: no llegó con la sincronización o su archivo se movió o se borró.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sin texto alternativo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imagen %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto alternativo: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin texto alternativo (6.xxii)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisión de la CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aprobada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rechazada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requiere cambios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo (obligatorio si se rechaza)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qué debe cambiar el área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar decisión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambios que se piden:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija Aprobada, Rechazada o Requiere cambios.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrando la decisión y avisando por correo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo registrar la decisión por un error inesperado (%s). La consulta sigue pendiente: vuelva a intentarlo y, si se repite, informe a soporte técnico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisión registrada. Se avisó por correo al administrador y al titular del área.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisión registrada. El aviso por correo quedó pendiente y se reintentará: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsultationsTableModel</name>
    <message>
        <source>vencida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · correo pendiente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · invalidada por edición</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decidió: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El correo a la CNCS aún no sale; se reintenta solo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El borrador cambió después de la aprobación: necesita una nueva consulta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vence el %s (hora del centro de México)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>Guardar contactos del área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Los teléfonos, correos y domicilios institucionales que el área publica a propósito: la revisión de datos personales (6.iii) los deja pasar. Uno por línea.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teléfonos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domicilios:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contactos de %s guardados.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CouncilTab</name>
    <message>
        <source>Sesión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre de la sesión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesión ordinaria del Consejo General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha de la sesión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hora de inicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hora de fin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Registrar sesión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quitar del calendario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nombre:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fecha:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Durante una sesión del Consejo General conviene publicar dos o tres temas relevantes y no seguir la sesión completa (criterio 6.xxvii): el Redactor advierte si una cuenta publica más de tres temas mientras la sesión transcurre. Horas de la Ciudad de México.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer el calendario: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sesión(es) en el calendario (desde hace una semana).</source>
        <translation>
            <numerusform>%n sesión en el calendario (desde hace una semana).</numerusform>
            <numerusform>%n sesiones en el calendario (desde hace una semana).</numerusform>
        </translation>
    </message>
    <message>
        <source>No hay sesiones del Consejo General en el calendario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba el nombre de la sesión, por ejemplo «Sesión extraordinaria del Consejo General».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesión «%1» registrada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija una sesión de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesión «%1» quitada del calendario.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountersBar</name>
    <message numerus="yes">
        <source>%1: %n carácter(es)</source>
        <translation>
            <numerusform>%1: %n carácter</numerusform>
            <numerusform>%1: %n caracteres</numerusform>
        </translation>
    </message>
    <message>
        <source>%s: %d / %d (sobran %d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s: %d / %d (quedan %d)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CuentasOperations</name>
    <message>
        <source>Ocurrió un error inesperado ({0}). No se guardó nada; vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mensaje de error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elegir el oficio firmado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oficio escaneado (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DictionaryTab</name>
    <message>
        <source>Palabras del diccionario institucional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palabra o sigla</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Añadir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diccionario institucional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar sitios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sitios oficiales (6.vi y 6.ix), un dominio por línea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>«%s» está en el diccionario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija en la lista la palabra que quiere quitar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se quitó «%s» del diccionario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importar palabras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto (*.txt *.dic);;Todos (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n palabra(s) nueva(s) importada(s).</source>
        <translation>
            <numerusform>%n palabra nueva importada.</numerusform>
            <numerusform>%n palabras nuevas importadas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n línea(s) sin importar porque no es una palabra por línea: %1.</source>
        <translation>
            <numerusform>%n línea sin importar porque no es una palabra por línea: %1.</numerusform>
            <numerusform>%n líneas sin importar porque no es una palabra por línea: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sitios oficiales guardados.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftActions</name>
    <message>
        <source>error inesperado (%s); se reintentará al seguir escribiendo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se guardó: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrador guardado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error inesperado (%s); vuelva a intentarlo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abrir un borrador (%d)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se guardó.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto sin guardar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s

El texto de la publicación no está guardado. Si continúa, se perderá. Cópielo antes si lo necesita.

¿Descartar el texto sin guardar?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo abrir el borrador por un error inesperado (%s). Vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abrir borrador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ese borrador es de una cuenta en la que hoy no puede redactar (criterio 5.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicada el %s: solo lectura.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>«%s»: solo lectura.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descartar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿Descartar este borrador? Dejará de aparecer en la lista de borradores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo descartar por un error inesperado (%s). El borrador sigue guardado: vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El borrador cambió en otra estación y esa versión quedó en la base compartida: se cargó. La suya se conserva en Archivo → Conflictos de sincronización.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El borrador cambió en otra estación: se cargó la versión nueva.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se guardó: el borrador cambió en otra estación. Elija qué versión conservar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se conservó su versión del borrador.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se cargó la versión de la otra estación.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftConflictBar</name>
    <message>
        <source>Este borrador cambió en otra estación y usted tiene texto sin guardar. No se guardará nada hasta que elija qué versión conservar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conservar la mía</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usar la otra</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftConflictDialog</name>
    <message>
        <source>[Imagen %d: %s — texto alternativo: «%s»]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Es respuesta a un usuario]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dos versiones del borrador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Este borrador cambió en otra estación mientras usted escribía aquí. Compare las dos versiones y elija cuál conservar; la otra se puede copiar antes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Su versión (sin guardar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versión de la otra estación (guardada)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conservar la mía</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usar la de la otra estación</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DueTableModel</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Última evaluación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nunca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hasta el %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryDetails</name>
    <message>
        <source>Sí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(registro interno: véalo en la exportación)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(huella interna: véala en la exportación)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>del %1 al %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no identificada)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sistema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha: %1 (hora de la Ciudad de México)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acción: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persona: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estación: %1 · entrada %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se puede descifrar: la entrada fue alterada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detalles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin detalles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El registro completo, con sus identificadores y su huella, va en la exportación («Exportar…»).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>Registrar evaluación de %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluación de la eficacia de la cuenta, que la Coordinación Nacional de Comunicación Social aplica al menos cada seis meses (criterio 8.i).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calificación del 0 al 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hallazgos: si la cuenta cumple sus objetivos, su periodicidad, cómo atiende a los usuarios (8.ii) y qué se recomienda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periodo evaluado, desde:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hasta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calificación (0 a 10):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hallazgos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Registrar evaluación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ocurrió un error inesperado (%1). No se guardó nada; vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExpiredTab</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigente hasta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enlace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actualizar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepara una nueva versión en el Redactor con una nueva fecha de vigencia.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retirar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registra que la publicación se retiró de la red (queda en la bitácora).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n publicación(es) con la vigencia vencida en sus cuentas (criterio 5.2 d): actualice o retire cada una.</source>
        <translation>
            <numerusform>%n publicación con la vigencia vencida en sus cuentas (criterio 5.2 d): actualice o retire cada una.</numerusform>
            <numerusform>%n publicaciones con la vigencia vencida en sus cuentas (criterio 5.2 d): actualice o retire cada una.</numerusform>
        </translation>
    </message>
    <message>
        <source>No hay publicaciones con la vigencia vencida en sus cuentas (criterio 5.2 d).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija una publicación de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nueva versión preparada en el Redactor, vigente hasta el %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retirar contenido vencido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿Ya retiró «%1» de %2? Se registrará en la bitácora (criterio 5.2 d).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retiro registrado en la bitácora.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Buscar en esta sección…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buscar en esta sección</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Siguiente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cerrar la búsqueda (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buscar:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba lo que busca.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encontrado: la fila queda seleccionada. «Siguiente» busca la próxima.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>«%1» no aparece en esta sección.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Criterio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problemas encontrados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ver el criterio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparando revisión…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: No publicable: %n problema(s) que bloquea(n)</source>
        <translation>
            <numerusform>%1: No publicable: %n problema que bloquea</numerusform>
            <numerusform>%1: No publicable: %n problemas que bloquean</numerusform>
        </translation>
    </message>
    <message>
        <source>%s: Publicable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bloquea la publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… y %d más. Corrija los primeros y vuelva a revisar para ver el resto.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterio %s: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Primer inicio de esta instalación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iniciar una institución nueva</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registra a la primera persona revisora de la CNCS; ella da de alta las áreas y a las demás personas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Crear la institución</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correo institucional:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nivel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirme la contraseña:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unirse a una institución existente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>su usuario (normalmente su correo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unirse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dirección de la base compartida:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solo explorar: abrir la &amp;demostración</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Llena esta carpeta con una institución de ejemplo. No es una institución real: use otra carpeta de datos para trabajar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un momento…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneratorDialog</name>
    <message>
        <source>Generador de contraseñas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copiar (se borra en 30 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneratorPanel</name>
    <message>
        <source>Caracteres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frase de palabras en español</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minúsculas (a-z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mayúsculas (A-Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Números (0-9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caracteres especiales (!#%&amp;&amp;*…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evitar caracteres que se confunden (I l 1 | O 0 o)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fortaleza</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tipo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitud:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incluir:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palabras:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fortaleza:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 de 4 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiempo estimado para descifrarla: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solo se evaluaron los primeros 72 caracteres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cumple el criterio 5.2 g.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cumple el criterio 5.2 g:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthTab</name>
    <message numerus="yes">
        <source>%n cuenta(s) activa(s): %2 sin publicar según su periodicidad o en posible abandono (%3), %4 sin verificar por la red.</source>
        <translation>
            <numerusform>%n cuenta activa: %2 sin publicar según su periodicidad o en posible abandono (%3), %4 sin verificar por la red.</numerusform>
            <numerusform>%n cuentas activas: %2 sin publicar según su periodicidad o en posible abandono (%3), %4 sin verificar por la red.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>más de %n día(s)</source>
        <translation>
            <numerusform>más de %n día</numerusform>
            <numerusform>más de %n días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthTableModel</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periodicidad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Última publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verificada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publica según su periodicidad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nunca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Manual de Redes INE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contenido del manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redactor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultas CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitácora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseñas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Informes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferencias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buzón</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Atrás</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Importar directorio</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>El archivo no tiene problemas: %n línea(s) lista(s) para importar.</source>
        <translation>
            <numerusform>El archivo no tiene problemas: %n línea lista para importar.</numerusform>
            <numerusform>El archivo no tiene problemas: %n líneas listas para importar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problema(s). No se importa nada hasta que el archivo esté limpio, o importe solo las líneas sin problemas.</source>
        <translation>
            <numerusform>%n problema. No se importa nada hasta que el archivo esté limpio, o importe solo las líneas sin problemas.</numerusform>
            <numerusform>%n problemas. No se importa nada hasta que el archivo esté limpio, o importe solo las líneas sin problemas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Línea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nivel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resultado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problemas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Importar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importar solo las líneas &amp;válidas</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxReportTab</name>
    <message>
        <source>Duda recurrente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿Publicar respuesta? (6.xviii)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d h %d min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin respuestas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recibidos: %d. Respondidos: %d (%.0f %% de los que no se ignoraron). Ignorados (6.xvi): %d. Mediana del tiempo de respuesta: %s. Sugerencias para la evaluación semestral (8.ii): %d.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sí</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxTableModel</name>
    <message>
        <source>Reloj de respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asignado a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Etiquetas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comentario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mención</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mensaje directo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%d]: %d personas preguntan lo mismo (duda recurrente, 6.xviii).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentsTableModel</name>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reportado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reportó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qué se observó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolución</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abierto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cerrado</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InformesSection</name>
    <message>
        <source>Año del informe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trimestre del informe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enero a marzo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abril a junio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>julio a septiembre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>octubre a diciembre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trimestre %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Exportar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Año:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trimestre:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Registrar evaluación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Informe trimestral (8.iv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluaciones (8.i)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacitación (5.3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuarios (8.iv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consejo General (6.xxvii)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buzón (5.2 e)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculando el informe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo calcular el informe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todas las cuentas del Instituto.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Las cuentas de sus áreas (criterio 5.1); CNCS ve todas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cuenta(s) sin una evaluación de los últimos seis meses (criterio 8.i). La evaluación la aplica la Coordinación Nacional de Comunicación Social.</source>
        <translation>
            <numerusform>%n cuenta sin una evaluación de los últimos seis meses (criterio 8.i). La evaluación la aplica la Coordinación Nacional de Comunicación Social.</numerusform>
            <numerusform>%n cuentas sin una evaluación de los últimos seis meses (criterio 8.i). La evaluación la aplica la Coordinación Nacional de Comunicación Social.</numerusform>
        </translation>
    </message>
    <message>
        <source>Total: %1; %2 (%3); %4 publicaciones por semana; %5. Consultas a CNCS: %7. Cambios de contraseña: %8 (%9 a tiempo). Incidentes: %10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cuenta(s)</source>
        <translation>
            <numerusform>%n cuenta</numerusform>
            <numerusform>%n cuentas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mensaje(s)</source>
        <translation>
            <numerusform>%n mensaje</numerusform>
            <numerusform>%n mensajes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n respuesta(s)</source>
        <translation>
            <numerusform>%n respuesta</numerusform>
            <numerusform>%n respuestas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n de %6 cumple(n) su periodicidad</source>
        <translation>
            <numerusform>%n de %6 cumple su periodicidad</numerusform>
            <numerusform>%n de %6 cumplen su periodicidad</numerusform>
        </translation>
    </message>
    <message>
        <source>ninguna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exportar el informe trimestral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;HTML accesible (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay informe que exportar: elija un trimestre que ya haya comenzado y vuelva a exportar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo escribir «%1» (%2). Elija otra carpeta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Informe exportado a %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solo un revisor de CNCS registra evaluaciones (criterio 8.i).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija una cuenta de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar la evaluación semestral de la cuenta elegida (criterio 8.i).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluación de %1 registrada.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageToolTab</name>
    <message>
        <source>Probar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un servidor LanguageTool da una segunda opinión de ortografía y gramática (6.xxiv). Sin él, el diccionario de la estación sigue revisando.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servidor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servidor guardado; el Redactor lo usa desde su próxima revisión.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probando LanguageTool…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailTab</name>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ninguna (solo en la red interna)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Olvidar contraseña</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servidor SMTP:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puerto:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seguridad:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remitente:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviar correo de prueba</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probar con:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guardada en %s; escriba otra para cambiarla</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin contraseña guardada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correo guardado. Se usa desde el próximo envío.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se borró la contraseña del correo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviando correo de prueba…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Criterios para el uso institucional de redes sociales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datos: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronización: sin configurar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La base de datos compartida aún no está configurada: se trabaja en local.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avisos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secretos: …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambiar de &amp;usuario…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronizar a&amp;hora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conflictos de sincronización…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferencias…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Salir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Buscar en la sección…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ay&amp;uda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manual de la sección</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acerca de Redes INE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acerca de Redes INE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Redes INE&lt;/b&gt; %s&lt;br&gt;Cliente editorial para las cuentas institucionales de redes sociales del Instituto Nacional Electoral, conforme a los &lt;i&gt;Criterios para el uso institucional de redes sociales&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secretos: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bóveda cifrada con su frase de acceso: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Las contraseñas y claves están en el llavero del sistema operativo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin sesión iniciada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesión: %s (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— %s — modo revisión CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cubre a %s (%s) en %s hasta el %s, inclusive (criterio 5.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mientras cubre la ausencia tiene los derechos del titular sobre esas cuentas: sus borradores, consultas y contraseñas aparecen en sus listas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesión bloqueada</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkPublished</name>
    <message>
        <source>Marcar como publicada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La revisión del texto aún no termina. Espere un momento y vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Este borrador cambió en otra estación: elija primero qué versión conservar (la barra roja sobre el texto) y después márquelo como publicado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba la publicación antes de marcarla como publicada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisando y marcando como publicada…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dirección (URL) de la publicación en la red:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo marcar como publicada por un error inesperado (%s). La publicación sigue como borrador: vuelva a intentarlo y, si se repite, informe a soporte técnico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La publicación quedó registrada como publicada.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <source>Agregar imagen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>También puede arrastrar imágenes hasta aquí. X y Facebook exigen imagen (criterio 6.xxvi).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrastre imágenes aquí o use «Agregar imagen…».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo preparar la copia para publicar: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agregar imágenes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imágenes y videos (*.png *.jpg *.jpeg *.gif *.webp *.mp4 *.mov);;Todos los archivos (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaRow</name>
    <message>
        <source>Cargando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto alternativo (obligatorio): describa la imagen para quien no la ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto alternativo de %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitar esta imagen de la publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin vista
previa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer la imagen (%s). Revise el archivo o elija otro.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageLinks</name>
    <message>
        <source>Clic para abrir Archivo → Preferencias</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkSend</name>
    <message>
        <source>Enviar a la red automáticamente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A la hora programada, el programa publica en la red por sí mismo mientras esté abierto en esta estación (o con la tarea programada que instale soporte técnico). Antes de enviar revisa otra vez los criterios y la aprobación de la CNCS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicar ahora en la red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publica ahora en la red con la cuenta conectada en esta estación, tras revisar otra vez los criterios y la aprobación de la CNCS (Ctrl+Mayús+Intro).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicada en la red: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se publicó: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviándose a la red…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aún no se publicó; se intentará de nuevo el %s (hora del centro de México).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se enviará el %s (hora del centro de México).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba la publicación antes de enviarla a la red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque «Programar para» y elija la fecha y hora de envío.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La revisión del texto aún no termina. Espere un momento y vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisando y programando el envío…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se programó el envío</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelando el envío…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se canceló el envío</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelar el envío</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿Publicar ahora en %s con la cuenta %s? Una vez publicada, sólo se puede retirar en la propia red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisando y publicando en la red…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se publicó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se publicó en la red. Dirección de la publicación:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aún no se publicó. %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aún no se publicó; el programa lo intentará de nuevo por sí mismo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s por un error inesperado (%s). Vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworksTab</name>
    <message>
        <source>El Instituto registra su aplicación con cada red; escriba aquí el identificador que la red le dio (lo entrega el área que la registró). Con él, cada titular conecta sus cuentas en Cuentas › Conexión con la red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identificador de la aplicación (client id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identificador de la aplicación en %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secreto de cliente de YouTube</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google entrega a las aplicaciones de escritorio un «secreto de cliente» que no es confidencial; aun así se guarda sólo en el almacén de secretos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secreto de cliente de YouTube:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avanzado…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direcciones de la red (sólo con un proxy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autorización:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claves (token):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocación:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subida de videos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>la dirección oficial de la red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guardado en el almacén de secretos (escriba para cambiarlo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin guardar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardado. Ya puede conectar las cuentas en Cuentas › Conexión con la red.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewValidityDialog</name>
    <message>
        <source>Actualizar contenido vencido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nueva fecha de vigencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se abrirá en el Redactor una nueva versión de «%1» con su texto, imágenes y detalles: actualícela y publíquela (criterio 5.2 d). ¿Hasta cuándo será vigente?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationListDialog</name>
    <message>
        <source>Avisos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avisos recibidos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abrir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marcar como leído</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marcar todos como leídos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — sin leer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s · %s%s
%s
%s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay avisos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin leer: %d de %d.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Todos leídos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aviso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Información</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganizacionSection</name>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Siglas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Áreas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nivel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nueva á&amp;rea…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nueva &amp;persona…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Modificar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;oles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Designar titular de su área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Otorgar rol de revisor CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retirar rol de revisor CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar como Consejera o Consejero Electoral (7.vi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retirar el registro de Consejera o Consejero Electoral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dar de &amp;baja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Importar CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suplente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuentas y administradores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambiar &amp;administradores…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Designar al titular y al suplente de la cuenta elegida (criterio 5.1); se avisa a la CNCS y al Comité de Gestión (criterio 7.iv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administradores de cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo completar por un error inesperado (%1). No se cambió nada; vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer la organización (%1). Vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sin titular)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sin designar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instalación nueva: aún no hay revisores de la CNCS. Registre las áreas y a las personas, y otorgue el rol de revisor CNCS a quien administrará la organización; después solo los revisores harán cambios.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija primero a una persona de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área registrada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persona registrada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambios guardados.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rol actualizado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 quedó dada de baja.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer «%1» (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importación terminada: %1, %2, %3, %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n nueva(s)</source>
        <translation>
            <numerusform>%n nueva</numerusform>
            <numerusform>%n nuevas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n actualizada(s)</source>
        <translation>
            <numerusform>%n actualizada</numerusform>
            <numerusform>%n actualizadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sin cambios</source>
        <translation>
            <numerusform>%n sin cambios</numerusform>
            <numerusform>%n sin cambios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n línea(s) omitida(s)</source>
        <translation>
            <numerusform>%n línea omitida</numerusform>
            <numerusform>%n líneas omitidas</numerusform>
        </translation>
    </message>
    <message>
        <source>No se pudo leer el archivo (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija primero una cuenta de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registre primero un área.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importar directorio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archivos CSV (*.csv);;Todos los archivos (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordsSection</name>
    <message>
        <source>&amp;Generador…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambiar &amp;contraseña…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;piar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reportar cuenta comprometida…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;errar incidente…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La contraseña se muestra aquí 30 segundos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña mostrada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambio de contraseñas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidentes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 por vencer · %3 al día — cada contraseña se cambia al menos cada dos meses (criterio 6.xxxiii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n vencida(s)</source>
        <translation>
            <numerusform>%n vencida</numerusform>
            <numerusform>%n vencidas</numerusform>
        </translation>
    </message>
    <message>
        <source>Ocurrió un error inesperado: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija una cuenta de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La contraseña se ocultará en 30 segundos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña copiada; el portapapeles se borrará en 30 segundos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña guardada en el llavero y cambio registrado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidente abierto; se avisó al titular del área, a CNCS y a UNICOM. La publicación en la cuenta queda suspendida y la contraseña debe cambiarse ya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidente abierto, pero el correo no salió: queda pendiente y se reintentará. Avise también por teléfono al titular del área, a CNCS y a UNICOM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidente cerrado.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Modificar persona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nueva persona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre completo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nombre:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Correo institucional:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ivel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Á&amp;rea:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonalAccountDialog</name>
    <message>
        <source>Cuenta personal (criterio 7.vi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El registro de cuentas oficiales solo incluye cuentas personales de Consejeras y Consejeros Electorales (criterio 7.vi). Leyendo la cuenta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titular de la cuenta personal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta institucional (no es personal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (ya no es Consejera o Consejero Electoral)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿De quién es la cuenta personal %1? El registro de cuentas oficiales solo incluye cuentas personales de Consejeras y Consejeros Electorales (criterio 7.vi).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay Consejeras ni Consejeros Electorales registrados: regístrelos en Organización › Roles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta personal de %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La cuenta quedó como institucional.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderSection</name>
    <message>
        <source>Cargando… la sección se abre en cuanto terminen de cargar los datos y alguien inicie sesión.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostDetailsPanel</name>
    <message>
        <source>Fin de la publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— Elija el fin (sección 3) —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cada publicación cumple uno de los fines de la sección 3 (criterio 6.i); el informe trimestral las cuenta por fin (8.iv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fuente de los datos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De dónde salen las cifras (criterio 6.iv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titular del boletín enlazado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si enlaza un boletín: su titular, para no repetirlo (criterio 6.x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrupa las publicaciones de una sesión del Consejo General (6.xxvii)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigente hasta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Para contenidos que vencen (un plazo, un periodo de registro): se le recordará actualizarlos o retirarlos (criterio 5.2 d).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha de vigencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fuente:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titular del boletín:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tema:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se guardaron los detalles: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostEditor</name>
    <message>
        <source>Criterio %s: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambiar por «%s»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitar el dato personal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrar el texto marcado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agregar «%s» al diccionario institucional</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferencias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base compartida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LanguageTool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diccionario y sitios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contactos por área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitácora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Espere: se están guardando valores en el almacén de secretos. Cierre cuando terminen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesOpener</name>
    <message>
        <source>No hay base de datos compartida configurada: se trabaja solo en local. Escriba su dirección aquí y pruébela con «Probar conexión».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>configurar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abrir %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewCard</name>
    <message>
        <source>Texto en la vista previa de %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Escriba la publicación para ver aquí cómo la mostrará %s.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta institucional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ahora · Público</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> … (%d caracteres más)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… más</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… Ver más</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tarjeta del enlace: la red muestra el título y la imagen de la página %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imagen %d no disponible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin texto alternativo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X no mostrará lo marcado en rojo: acorte el texto (6.xxii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recortada al mostrarse: imagen %s. Revise que no se pierda nada importante.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrusel de %d imágenes: todas con la proporción de la primera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En la cuadrícula del perfil se ve un cuadrado del centro de la primera imagen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instagram no convierte en vínculos los enlaces de la descripción: nadie podrá abrirlos desde ahí.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X muestra a lo más cuatro imágenes por publicación.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lleva video: la vista previa no lo muestra.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin imagen: en X toda publicación lleva imagen (6.xxvi).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Vista previa por red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo preparar la vista previa (%s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcedureTabs</name>
    <message>
        <source>Solicitudes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bajas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ausencias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conexión con la red</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishedView</name>
    <message>
        <source>Cuenta de las publicaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enlace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicaciones publicadas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abrir enlace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Haga clic en la dirección para abrirla en el navegador, o selecciónela para copiarla.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo abrir el enlace «%s» en el navegador. Selecciónelo, cópielo y ábralo a mano.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ver en el Redactor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abrir %s en el navegador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aún no hay publicaciones marcadas como publicadas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer la lista (%s). Vuelva a intentarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo abrir el enlace «%s» en el navegador. Cópielo de la lista y ábralo a mano.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programada para</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Próximo intento</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intentos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo del último fallo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Mostrar también publicadas y canceladas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doble clic o Intro: abrir la publicación en «Redactar».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer la cola de publicación (%s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay publicaciones en la cola de esta estación. Para programar un envío, marque «Enviar a la red automáticamente» junto a «Programar para».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 en espera, %2 con fallo (hora del centro de México). Las horas son las de esta estación: la cola corre mientras el programa está abierto.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReanchorDialog</name>
    <message>
        <source>Restablecer las anclas de la bitácora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La bitácora está bloqueada. Si la causa es que falta una de sus anclas —las copias de su última entrada que se guardan fuera del archivo, en el llavero del sistema y en la base de datos local— porque se perdieron por accidente (se restableció el llavero, se reinstaló el perfil de Windows, se restauró la base de datos local), puede volver a anclarla aquí.

Antes se verifica toda la bitácora desde su primera entrada y, si hay base de datos compartida, se compara con la copia que ella guarda; si no hay conexión con ella, habrá que esperar a que regrese. Si una entrada no verifica, si un ancla apunta más allá del archivo o a otra entrada, o si la base compartida tiene entradas que el archivo no tiene, no se cambia nada y la bitácora sigue bloqueada: eso no es una pérdida sino una posible alteración.

Si todo verifica, las anclas pasan a la última entrada y se registra en la bitácora quién lo hizo, el motivo y las anclas anteriores, para la auditoría. Solo puede hacerlo el titular de un área o un revisor de CNCS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Motivo (qué se perdió y por qué):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Por ejemplo: se reinstaló el perfil de Windows y se perdió el llavero del sistema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restablecer anclas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verificando toda la bitácora…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudieron restablecer las anclas (%s). No se cambió nada; avise al área de informática.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedactorFind</name>
    <message>
        <source>Encontrado en el texto de la publicación; «Siguiente» busca la próxima.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encontrado en el texto de la publicación (desde el principio).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No está en este texto; sí en %n borrador(es): %1. Ábralo desde «Borradores».</source>
        <translation>
            <numerusform>No está en este texto; sí en %n borrador: %1. Ábralo desde «Borradores».</numerusform>
            <numerusform>No está en este texto; sí en %n borradores: %1. Ábralo desde «Borradores».</numerusform>
        </translation>
    </message>
    <message>
        <source>«%1» no aparece en el texto ni en los borradores.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedactorTabs</name>
    <message>
        <source>Redactar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicadas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cola de publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s, %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puede ver esta publicación, pero no redactar en la cuenta %s (criterio 5.1): por eso no se abre en el editor.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportIncidentDialog</name>
    <message>
        <source>Reportar cuenta comprometida: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si la cuenta la opera alguien no autorizado o fue intervenida, se avisará de inmediato al titular del área, a la Coordinación Nacional de Comunicación Social y a UNICOM (criterio 6.xxx). La publicación en la cuenta queda suspendida hasta cerrar el incidente y la contraseña deberá cambiarse de inmediato.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qué se observó: publicaciones que nadie del área hizo, avisos de inicio de sesión, cambio de correo o de contraseña…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qué se observó:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuándo (hora del centro de México):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reportar y avisar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objetivos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mensajes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respuestas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Por semana</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periodicidad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultas CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cambios de contraseña</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidentes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuarios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diaria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semanal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sin registrar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cumple</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>por debajo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 a tiempo de %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No disponible</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Se espera(n) %n publicación(es) por semana (periodicidad %2, criterio 6.xxi); publicó %3.</source>
        <translation>
            <numerusform>Se espera %n publicación por semana (periodicidad %2, criterio 6.xxi); publicó %3.</numerusform>
            <numerusform>Se esperan %n publicaciones por semana (periodicidad %2, criterio 6.xxi); publicó %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sin consultas a CNCS en el trimestre.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>Solicitar una cuenta institucional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cuenta@ine.mx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programas y actividades institucionales del área que justifican la cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diaria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semanal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF o imagen del oficio firmado (7.ii)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elegir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre propuesto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correo (ine.mx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fines (sección 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Justificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrador titular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrador suplente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periodicidad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oficio firmado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentar solicitud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usted no puede solicitar cuentas: lo hacen el titular del área y sus administradores (criterio 5.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(elija a una persona)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>@JLE_JaliscoINE (en X termina en «INE»)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>@JLE_Jalisco_INE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsTab</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nueva solicitud…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autorizar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rechazar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar apertura…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin oficio registrado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La cuenta figura como «Solicitada» pero no hay solicitud registrada: falta el oficio firmado por el titular del área (criterio 7.ii). Pida al área que presente la solicitud en «Nueva solicitud…»; la CNCS la decide entonces (7.iii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitudes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivos de CNCS: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oficio: %s (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autorizar solicitud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comentarios para el área (opcional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rechazar solicitud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivos del rechazo (se envían al área):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar apertura</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dirección de la cuenta %s ya abierta en la red:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RotationDialog</name>
    <message>
        <source>Cambiar la contraseña de %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Genere una contraseña y cópiela.
2. Cámbiela en la red social, en la configuración de la cuenta %1.
3. Confirme abajo que quedó cambiada y guárdela: se guarda solo en el llavero del sistema y se registra quién la cambió y cuándo (criterio 6.xxxiii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copiar (se borra en 30 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ya cambié la contraseña en la red social</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Guardar y registrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo guardar: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RotationTableModel</name>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Último cambio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hecho por</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vencida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Por vencer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Al día</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — comprometida</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nunca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ya</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduleField</name>
    <message>
        <source>Programar para</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha y hora (del centro de México) en que se publicará. Quite la marca para dejar el borrador sin programar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha y hora de publicación programada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hora del centro de México</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Redactor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redacte publicaciones y vea, mientras escribe, cada criterio que incumplen: ortografía (6.xxiv), mayúsculas (6.xxv), imagen obligatoria en X y Facebook (6.xxvi), datos personales (6.iii), enlaces (6.vi, 6.ix, 6.x), límites de cada red (6.xxii), respuestas sin insultos (6.xx) y spam (6.xxviii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultas CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Envíe a la Coordinación Nacional de Comunicación Social los borradores en duda y siga la cuenta regresiva de 48 horas; sin respuesta no se publica (6.viii). Los revisores de CNCS deciden aquí en modo revisión.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitácora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registro cifrado y a prueba de alteraciones de toda la actividad de las cuentas (8.iii), con búsqueda, filtros y exportación para auditorías.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseñas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generador de contraseñas seguras (5.2 g), guardadas solo en el llavero del sistema, alertas de cambio cada dos meses (6.xxxiii) y reporte de cuentas comprometidas (6.xxx).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuentas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Áreas, cuentas institucionales y sus administradores titular y suplente (5.1, 7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Informes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluaciones semestrales de las cuentas (8.i) e informe trimestral del comportamiento de las redes sociales del Instituto (8.iv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Áreas, personas y roles (titular de área, revisor CNCS) que administran los revisores de la CNCS, e importación del directorio institucional (5.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buzón</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comentarios, menciones y mensajes de las cuentas conectadas, con su reloj de respuesta (5.2 e): reclamar, responder sin insultos y por nombre (6.xx, 6.xvii), ignorar sin bloquear (6.xvi), escalar al titular (5.2 f), solicitudes de información (6.vii) y dudas recurrentes (6.xviii).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>Consultar a la CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿Qué duda tiene? Por ejemplo: ¿procede publicar esta imagen en veda?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pregunta para la CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviar consulta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La CNCS verá exactamente este texto y estas imágenes; tiene hasta 48 horas para responder y, sin respuesta, la publicación no procede (criterio 6.viii).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pregunta para la CNCS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo leer el borrador por un error inesperado (%s). Cierre esta ventana y vuelva a intentarlo; si se repite, informe a soporte técnico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta %1 · %2 · %3 de la revisión automática (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n imagen(es)</source>
        <translation>
            <numerusform>%n imagen</numerusform>
            <numerusform>%n imágenes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n observación(es)</source>
        <translation>
            <numerusform>%n observación</numerusform>
            <numerusform>%n observaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bloquea(n)</source>
        <translation>
            <numerusform>%n bloquea</numerusform>
            <numerusform>%n bloquean</numerusform>
        </translation>
    </message>
    <message>
        <source>Si la envía ahora, la CNCS tendrá hasta el %s (hora del centro de México).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba la pregunta para la CNCS: qué duda tiene sobre esta publicación.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviando la consulta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo enviar la consulta por un error inesperado (%s). La consulta no se registró: vuelva a intentarlo y, si se repite, informe a soporte técnico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consulta enviada a la CNCS. Tiene hasta el %s (hora del centro de México) para responder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La consulta quedó registrada (plazo: %s, hora del centro de México), pero el correo a la CNCS no salió: %s Queda como «correo pendiente» y se reintentará automáticamente.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nunca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutos de inactividad antes del bloqueo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tras estos minutos sin usar el teclado ni el ratón, la sesión se bloquea y pide otra vez la contraseña. 0 = nunca (no recomendado en equipos compartidos).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bloquear tras:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>La sesión se bloquea tras %n minuto(s) sin actividad.</source>
        <translation>
            <numerusform>La sesión se bloquea tras %n minuto sin actividad.</numerusform>
            <numerusform>La sesión se bloquea tras %n minutos sin actividad.</numerusform>
        </translation>
    </message>
    <message>
        <source>La sesión ya no se bloquea por inactividad.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharedTab</name>
    <message>
        <source>usuario de la base (su correo institucional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Olvidar contraseña</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probar conexión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dirección:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronizar cada:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guardada en %s; escriba otra para cambiarla</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin contraseña guardada (el servidor puede no pedirla)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base compartida guardada; la sincronización la usa desde ahora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin base compartida: se trabaja solo en local.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se borró la contraseña de la base compartida.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probando la conexión…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sesión bloqueada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iniciar sesión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La sesión se bloqueó por inactividad. Escriba su contraseña para volver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija su nombre y escriba su contraseña: sus permisos dependen de quién es (criterio 5.1), así que su identidad se comprueba.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buscar por nombre, área o correo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entrar como &amp;otra persona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿No aparece en la lista? Pida a un revisor de la CNCS que le registre en la sección Organización; su nombre aparecerá aquí en cuanto esta estación tenga ese cambio (si la institución usa una base compartida, tras la siguiente sincronización).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Primer inicio: crear la institución, unirse a una existente o ver la demostración…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuario de la base compartida:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirme la contraseña:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contraseña:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Entrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin rol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entre con su usuario y contraseña de la base de datos compartida.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Es su primera entrada en esta estación: elija una contraseña (al menos 8 caracteres) y escríbala dos veces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba su contraseña de esta estación.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comprobando…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>La sincronización falló por un error inesperado (%s). Se reintentará; ningún cambio local se perdió.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronización: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Capacitación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convocados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asistieron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrador(a)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Área</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre de la capacitación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacitación anual de administradores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Programar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Convocar por correo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar &amp;asistencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesiones del año:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administradores sin capacitación este año:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hay capacitación programada en %1 (criterio 5.3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n administrador(es) sin capacitación en %1 (criterio 5.3).</source>
        <translation>
            <numerusform>%n administrador sin capacitación en %1 (criterio 5.3).</numerusform>
            <numerusform>%n administradores sin capacitación en %1 (criterio 5.3).</numerusform>
        </translation>
    </message>
    <message>
        <source>Elija una sesión de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacitación programada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n convocatoria(s) en la bandeja de salida.</source>
        <translation>
            <numerusform>%n convocatoria en la bandeja de salida.</numerusform>
            <numerusform>%n convocatorias en la bandeja de salida.</numerusform>
        </translation>
    </message>
    <message>
        <source>Elija a la persona que asistió.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asistencia registrada.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Avisos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lista de avisos: los no leídos quedan aquí hasta que los abra o los marque como leídos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redes INE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s
(y un aviso más en la lista)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s
(y %d avisos más en la lista)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avisos (%d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redes INE — avisos sin leer: %d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuarios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuarios de la cuenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Guardar usuarios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leer de las redes conectadas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Los seguidores de las cuentas conectadas con su red en esta estación.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuarios al cierre del trimestre:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regístrelo a partir de las estadísticas de cada red, o léalo de las cuentas conectadas con su red (criterio 8.iv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seguidores leídos de %d cuenta(s) conectada(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dato no disponible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija una cuenta de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usuarios guardados.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultDialog</name>
    <message>
        <source>Bóveda de secretos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frase de acceso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repita la frase de acceso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mostrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Frase de acceso:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repítala:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crear la bóveda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abrir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Olvidé la frase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Este equipo no tiene un llavero del sistema disponible. Las claves de la bitácora y las contraseñas (cuentas, correo, base compartida) se guardarán cifradas en una bóveda local:
%s

Elija una frase de acceso: se pedirá una vez por sesión. Nadie puede recuperarla si la olvida; anótela en un lugar seguro.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Los secretos de esta estación están en la bóveda cifrada local:
%s

Escriba su frase de acceso.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ocultar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fortaleza: %s (%d de 4); descifrarla llevaría %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Al menos 12 caracteres; mejor varias palabras poco comunes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Las dos frases no coinciden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Espere %d s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abriendo la bóveda…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creando la bóveda…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo abrir la bóveda: %s. No se modificó nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si olvidó la frase de acceso</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifiedDateDialog</name>
    <message>
        <source>Cuenta verificada por la red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fecha de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¿En qué fecha verificó la red esta cuenta (criterio 6.xxix)?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyControls</name>
    <message>
        <source>Marcar &amp;verificada…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija una cuenta de la lista.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuenta marcada como verificada el %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>line</name>
    <message>
        <source>No se pudo guardar: %s. Nada cambió.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El almacén de secretos no respondió bien (%s). Ábralo o desbloquéelo y vuelva a intentarlo; lo escrito sigue en el formulario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La prueba falló por un error inesperado (%s); nada cambió.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>section</name>
    <message>
        <source>Consultar a CNCS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba la publicación antes de consultar a la CNCS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <source>Ocurrió un error inesperado al abrir los datos: %s. Los datos no se modificaron; informe a soporte técnico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudieron abrir los datos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
