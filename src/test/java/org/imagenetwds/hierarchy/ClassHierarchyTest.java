package org.imagenetwds.hierarchy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ClassHierarchyTest {

    // label order: ascending WNID
    private static final String MAMMAL = "n01861778";
    private static final String PLACENTAL = "n01886756";
    private static final String DOG = "n02084071";
    private static final String GOLDEN_RETRIEVER = "n02099601";
    private static final String KIT_FOX = "n02119789";
    private static final String TENCH = "n01440764";
    private static final String CYPRINID = "n01439121";
    private static final List<String> CLASSES = List.of(CYPRINID, TENCH, MAMMAL, PLACENTAL, DOG, GOLDEN_RETRIEVER, KIT_FOX, "n99999999");

    @Test
    void eachClassHasItsWordNetAncestorsItsDatasetAncestorsAndItsLevel() {
        ClassHierarchy h = ClassHierarchy.of(CLASSES, WordNetHierarchy.shipped());
        ClassHierarchy.ClassNode fox = h.classes().get(6);
        assertEquals(KIT_FOX, fox.wnid());
        assertEquals(List.of("n02118333"), fox.parents());
        assertEquals(WordNetHierarchy.shipped().firstParentPath(KIT_FOX), fox.ancestors());
        assertEquals(14, fox.depth());
        assertEquals(List.of(3, 2), fox.classAncestors(), "placental, then mammal");
        assertEquals(2, fox.level());
        ClassHierarchy.ClassNode retriever = h.classes().get(5);
        assertEquals(List.of(4, 3, 2), retriever.classAncestors(), "dog, placental, mammal");
        assertEquals(3, retriever.level());
        assertEquals(0, h.classes().get(2).level(), "mammal: no class above it");
        assertEquals(List.of(0), h.classes().get(1).classAncestors(), "tench is a cyprinid");
        ClassHierarchy.ClassNode unknown = h.classes().get(7);
        assertFalse(unknown.inWordNet());
        assertEquals(0, unknown.depth());
        assertEquals(0, unknown.level());
        assertTrue(h.classes().get(0).inWordNet());
    }

    @Test
    void semanticLevelsGroupTheClassesOfALevelLeavingOutTheDeepestAndSingleClassLevels() {
        ClassHierarchy h = ClassHierarchy.of(CLASSES, WordNetHierarchy.shipped());
        // levels: cyprinid 0, tench 1, mammal 0, placental 1, dog 2, retriever 3, kit fox 2, unknown 0
        List<ClassHierarchy.SemanticLevel> levels = h.semanticLevels();
        assertEquals(List.of(new ClassHierarchy.SemanticLevel(0, List.of(0, 2, 7)),
                new ClassHierarchy.SemanticLevel(1, List.of(1, 3)),
                new ClassHierarchy.SemanticLevel(2, List.of(4, 6))), levels, "level 3 is the deepest: left out");
    }

    @Test
    void theJsonCarriesEveryClassAndLevel() throws Exception {
        ClassHierarchy h = ClassHierarchy.of(CLASSES, WordNetHierarchy.shipped());
        JsonNode json = new ObjectMapper().readTree(h.toJson());
        assertEquals(CLASSES.size(), json.path("classes").size());
        JsonNode fox = json.path("classes").get(6);
        assertEquals(KIT_FOX, fox.path("wnid").asText());
        assertEquals("n02118333", fox.path("ancestors").get(0).asText());
        assertEquals(14, fox.path("depth").asInt());
        assertEquals(2, fox.path("level").asInt());
        assertEquals(3, fox.path("class_ancestors").get(0).asInt());
        assertEquals(3, json.path("semantic_levels").size());
        assertEquals(2, json.path("semantic_levels").get(2).path("level").asInt());
        assertEquals(new String(h.toJson()), new String(ClassHierarchy.of(CLASSES, WordNetHierarchy.shipped()).toJson()));
    }
}
